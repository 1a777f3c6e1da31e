import { systemClock, type Clock } from '../delivery/send-engine.js';
import { SnippetError } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import type { IssueRenderer } from '../render/issue-renderer.js';
import { readSmtpEnvironment } from './read-smtp-environment.js';
import { sendCommand, type SendOutcome } from './send-command.js';
import type { SendListener } from './send-events.js';
import { testAddressProblem } from './test-send-address.js';

export interface SendFromDeskOptions {
  dir: string;
  issue: IssueId;
  /** The desk's environment (with snippet.env read into it by `snippet desk`): SNIPPET_SMTP_*. */
  env: NodeJS.ProcessEnv;
  unsubscribeSecret: string | undefined;
  /**
   * A test to one address; or the list, where `early` is the coordinator's
   * explicit yes to sending before the issue's send_at (the question the CLI
   * asks on a terminal, answered on the page).
   */
  to: { test: string } | { list: true; early: boolean };
  /** The plan only, for the page that asks before a send to the list. */
  dryRun?: boolean;
  signal?: AbortSignal;
  /** The desk's clock: whether the issue's time has come is judged by it. */
  now?: () => Date;
  render?: IssueRenderer;
}

/**
 * A send started from a page, not a terminal: the same `sendCommand` as
 * `snippet send ISSUE --test-to ADDRESS` and `snippet send ISSUE`, with the
 * SMTP settings read from the environment the same way, and the question
 * before the list answered by what the page asked. Nothing here waits for a
 * terminal: a send to the list before its time goes only with `early`.
 */
export async function sendFromDesk(options: SendFromDeskOptions, listener: SendListener): Promise<SendOutcome> {
  const smtp = readSmtpEnvironment(options.env);
  if (!options.dryRun && !smtp.SNIPPET_SMTP_URL && !smtp.SNIPPET_SMTP_HOST) {
    throw new SnippetError('the mail server is not set up', {
      hint: 'Put SNIPPET_SMTP_HOST, SNIPPET_SMTP_PORT, SNIPPET_SMTP_USER and SNIPPET_SMTP_PASS (or one SNIPPET_SMTP_URL) in snippet.env in the workspace, then stop the desk (Ctrl-C) and start it again. `snippet doctor` checks the settings without sending.',
    });
  }
  const test = 'test' in options.to ? options.to.test.trim() : undefined;
  if (test !== undefined) {
    const problem = testAddressProblem(test);
    if (problem) throw new SnippetError(problem, { kind: 'usage' });
  }
  const early = 'list' in options.to && options.to.early;
  return sendCommand(
    {
      dir: options.dir,
      issue: options.issue,
      dryRun: options.dryRun === true,
      testTo: test === undefined ? [] : [test],
      outbox: undefined,
      rates: undefined,
      connections: undefined,
      smtp,
      // The page's button is the ordinary yes; only the early question is left to `confirm`.
      yes: true,
      early: false,
      resendInDoubt: false,
      unsubscribeSecret: options.unsubscribeSecret,
      confirm: (question) => Promise.resolve(question.early === undefined || early),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.now ? { clock: deskClock(options.now) } : {}),
      ...(options.render ? { render: options.render } : {}),
    },
    listener,
  );
}

/** The system's clock, telling the time by `now`: waits are real, the schedule is judged by the desk's time. */
function deskClock(now: () => Date): Clock {
  return { now: () => now().getTime(), sleep: (ms, signal) => systemClock.sleep(ms, signal) };
}
