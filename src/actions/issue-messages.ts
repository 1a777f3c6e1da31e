import type { Clock } from '../delivery/send-engine.js';
import { prepareMessageBuilder, type BuiltMessage, type MessageRecipient } from '../mail/message-builder.js';
import { unsubscribeSecretProblem } from '../unsubscribe/unsubscribe-secret.js';
import type { ReadyIssue } from './prepare-issue.js';

/**
 * The issue's messages. One-click unsubscribe links are signed: a real send
 * needs the secret, a dry run signs with a stand-in.
 */
export function issueMessages(
  ready: Pick<ReadyIssue, 'issue' | 'config' | 'rendered'>,
  test: boolean,
  options: { unsubscribeSecret: string | undefined; dryRun: boolean },
  clock: Clock,
): (recipient: MessageRecipient) => BuiltMessage {
  const { issue, config, rendered } = ready;
  if (config.unsubscribe.url && !options.dryRun) {
    const problem = unsubscribeSecretProblem(options.unsubscribeSecret);
    if (problem) throw problem;
  }
  return prepareMessageBuilder({
    config,
    issueId: issue.id,
    rendered,
    test,
    unsubscribeSecret: options.unsubscribeSecret ?? (options.dryRun ? 'dry-run' : undefined),
    now: () => new Date(clock.now()),
  });
}
