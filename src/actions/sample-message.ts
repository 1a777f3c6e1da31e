import { prepareMessageBuilder, type BuiltMessage } from '../mail/message-builder.js';
import { personalise } from '../render/personalise.js';
import type { Mailbox } from '../schema/mailbox.js';
import type { ReadyIssue } from './prepare-issue.js';
import { sampleRecipient } from './sample-recipient.js';

/** Stands in for SNIPPET_UNSUBSCRIBE_SECRET when a sample is built without it: the link is for looking at, not for use. */
const SAMPLE_SECRET = 'sample-build-not-a-real-secret';

export interface SampleMessage extends BuiltMessage {
  from: Mailbox;
  replyTo?: Mailbox;
  to: Mailbox;
  subject: string;
  /** The personalised parts, as the member reads them. */
  html: string;
  text: string;
}

/**
 * The complete message one member would receive, as `build` writes it to
 * sample.eml and `preview` shows it: built by the same builder `send` uses,
 * for the first member the issue reaches.
 */
export function composeSampleMessage(ready: ReadyIssue, options: { unsubscribeSecret: string | undefined; now: Date }): SampleMessage {
  const { issue, config, rendered } = ready;
  const to = sampleRecipient(issue, ready.workspace.members, ready.workspace.suppressions);
  const build = prepareMessageBuilder({
    config,
    issueId: issue.id,
    rendered,
    test: false,
    unsubscribeSecret: options.unsubscribeSecret ?? SAMPLE_SECRET,
    now: () => options.now,
  });
  const recipient = { email: to.address, ...(to.name ? { name: to.name } : {}), ...(to.greetingName ? { greetingName: to.greetingName } : {}) };
  const message = build(recipient);
  const parts = personalise(rendered, { ...recipient, unsubscribeUrl: message.unsubscribeUrl }, config.greeting);
  return {
    ...message,
    from: config.from,
    ...(config.replyTo ? { replyTo: config.replyTo } : {}),
    to,
    subject: rendered.subject,
    html: parts.html,
    text: parts.text,
  };
}
