import { composeMessage } from '../mail/compose-message.js';
import type { OutgoingMessage } from '../mail/outgoing-message.js';
import { unsubscribeUrl } from '../mail/unsubscribe-token.js';
import { personalise } from '../render/personalise.js';
import type { ReadyIssue } from './prepare-issue.js';
import { sampleRecipient } from './sample-recipient.js';

/** Stands in for SNIPPET_UNSUBSCRIBE_SECRET when a sample is built without it: the link is for looking at, not for use. */
const SAMPLE_SECRET = 'sample-build-not-a-real-secret';

/**
 * The complete message one member would receive, as `build` writes it to
 * sample.eml and `preview` shows it: personalised for the first member the
 * issue reaches, with the same unsubscribe link and headers a send would use.
 */
export function composeSampleMessage(ready: ReadyIssue, options: { unsubscribeSecret: string | undefined; now: Date }): OutgoingMessage {
  const { issue, config, rendered } = ready;
  const to = sampleRecipient(issue, ready.workspace.members, ready.workspace.suppressions);
  const secret = options.unsubscribeSecret ?? SAMPLE_SECRET;
  const httpsUnsubscribe = config.unsubscribe.url ? unsubscribeUrl(config.unsubscribe.url, secret, to.address) : undefined;
  const visibleUnsubscribe = httpsUnsubscribe ?? `mailto:${config.unsubscribe.mailto}?subject=unsubscribe`;
  const parts = personalise(rendered, { ...(to.name ? { name: to.name } : {}), email: to.address, unsubscribeUrl: visibleUnsubscribe });
  return composeMessage({
    config,
    issueId: issue.id,
    to,
    parts: { subject: rendered.subject, html: parts.html, text: parts.text },
    ...(httpsUnsubscribe ? { unsubscribeUrl: httpsUnsubscribe } : {}),
    date: options.now,
  });
}
