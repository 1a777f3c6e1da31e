import type { DeliveryPlan } from '../delivery/delivery-plan.js';
import type { SendMode } from '../delivery/ledger-event.js';
import { systemClock, type Clock, type SendReport } from '../delivery/send-engine.js';
import { runSendSession } from '../delivery/send-session.js';
import { SnippetError, usageError } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import type { IssueRenderer } from '../render/issue-renderer.js';
import { warmChildRenderer } from '../render/render-in-child.js';
import { isEmailAddress } from '../schema/mailbox.js';
import { describeSchedule } from '../time/describe-schedule.js';
import { issueMessages } from './issue-messages.js';
import { falseBounces, liftFalseBounces, readFalseFailures } from './lift-false-bounces.js';
import { prepareIssue, requireRendered, type PreparedIssue } from './prepare-issue.js';
import type { SendListener, SendQuestion } from './send-events.js';
import { sendExitCode } from './send-exit-code.js';
import { planPreview } from './send-preview.js';
import { sendRoute, sessionSettings, type TransportOptions } from './send-route.js';
import { stopError } from './stop-error.js';

export interface SendOptions extends TransportOptions {
  issue: IssueId;
  dryRun: boolean;
  /** Send only to these addresses, as a test. */
  testTo: string[];
  /** The list send is confirmed already (`--yes`): no question, unless the issue's time has not come. */
  yes: boolean;
  /** Send to the list before the issue's send_at without asking (`--early`). */
  early?: boolean;
  resendInDoubt: boolean;
  /**
   * Send again to the failed recipients (`--resend-failed`), never to the
   * delivered or those in doubt; suppressions that false failures wrote (a
   * run the server refused alike) are lifted first.
   */
  resendFailed?: boolean;
  unsubscribeSecret: string | undefined;
  /** Asks the person sending; undefined when nobody can be asked (cron, no terminal). */
  confirm: ((question: SendQuestion) => Promise<boolean>) | undefined;
  clock?: Clock;
  /** How the issue is rendered; by default in a child process, so MJML's memory is not this process's. */
  render?: IssueRenderer;
}

export interface SendOutcome {
  exitCode: 0 | 1 | 75;
  /** What the run came to: a dry run's plan, nothing to send, the question answered no, or sent. */
  result: 'planned' | 'nothing-to-send' | 'declined' | 'sent';
  plan: DeliveryPlan;
  report: SendReport | undefined;
}

/**
 * `snippet send`: check the issue can go, then send it through the send
 * session (lock, ledger, plan, limits, engine), asking first when it goes to
 * the list. What happens is told to `listener` as it happens; the outcome is
 * data. Exit 1 when anyone failed or is in doubt, 75 when work is left for a
 * later run (a limit, a server that is down, deferrals), else 0. A stop that
 * needs fixing (sign-in, TLS, the ledger) is thrown once its report is told.
 */
export async function sendCommand(options: SendOptions, listener: SendListener): Promise<SendOutcome> {
  const { onEvent } = listener;
  const clock = options.clock ?? systemClock;
  const mode: SendMode = options.testTo.length > 0 ? 'test' : 'list';
  // The render child starts at once: it loads MJML while this process reads the workspace and the members.
  const renderer = options.render ? { render: options.render, dispose: () => undefined } : warmChildRenderer();
  let prepared: PreparedIssue;
  try {
    prepared = await prepareIssue(options.dir, options.issue, renderer.render);
  } finally {
    renderer.dispose();
  }
  const ready = requireRendered(prepared);
  const { issue, config, rendered, workspace, sendAt } = ready;
  if (ready.problems.length > 0) onEvent({ type: 'problems', issue: issue.id, problems: ready.problems });
  const timeZone = config.timeZone;
  // Before its time an issue goes to the list only when asked for: an outbox mails nobody.
  const early = mode === 'list' && options.outbox === undefined && clock.now() < sendAt.getTime() && options.early !== true;

  if (mode === 'list' && issue.status !== 'approved' && !options.dryRun) {
    throw new SnippetError(`${issue.id} is a draft: only approved issues are sent to the list`, {
      file: issue.file,
      hint: 'When it is ready, set "status: approved" in its front matter. To see it in your inbox first, use --test-to YOUR@ADDRESS.',
    });
  }
  for (const address of options.testTo) {
    if (!isEmailAddress(address)) throw usageError(`--test-to "${address}" is not an email address`);
  }
  if (early && !options.dryRun && !options.confirm) {
    throw new SnippetError(`${issue.id} is scheduled for ${describeSchedule(sendAt, clock.now(), timeZone)}: it is not sent to the list before then`, {
      hint: `\`snippet send --due\` (cron) sends it on time. To send it now all the same, add --early; --dry-run shows who would get it.`,
    });
  }
  if (options.resendFailed && mode === 'test') throw usageError('--resend-failed goes with a send to the list, not --test-to');
  // The suppressions false failures wrote: left out of the plan, and lifted once the send is confirmed.
  const falseFailures = options.resendFailed ? await readFalseFailures(options.dir, issue.id) : [];
  const lifting = [...falseBounces(falseFailures, workspace.suppressions, timeZone).keys()];
  const build = issueMessages(ready, mode === 'test', options, clock);
  // A test send is a message or two: one connection, not the list's.
  const route = sendRoute(mode === 'test' ? { ...options, connections: 1 } : options, config);

  // What the run came to when it sent nothing (a dry run, nothing left, or the question answered no).
  let unsent: Pick<SendOutcome, 'exitCode' | 'result'> | undefined;
  const session = await runSendSession({
    dir: options.dir,
    command: `send ${issue.id}${mode === 'test' ? ' --test-to' : ''}`,
    dryRun: options.dryRun,
    issues: [{ id: issue.id, mode, testTo: options.testTo, lists: issue.lists, prepare: () => Promise.resolve(build) }],
    members: workspace.members,
    suppressions: workspace.suppressions.filter((s) => !lifting.includes(s.key)),
    resendInDoubt: options.resendInDoubt,
    resendFailed: options.resendFailed === true,
    ...sessionSettings(options, config, clock, route),
    choose: async (plans) => {
      const plan = plans.get(issue.id)!;
      if (lifting.length > 0) onEvent({ type: 'lifting', issue: issue.id, addresses: lifting, dryRun: options.dryRun });
      if (options.dryRun) {
        const preview = planPreview(plan, build, { ...route, subject: rendered.subject, status: issue.status, sendAt, now: clock.now(), timeZone, mode });
        onEvent({ type: 'planned', issue: issue.id, plan, preview });
        unsent = { exitCode: 0, result: 'planned' };
        return [];
      }
      if (plan.send.length === 0) {
        onEvent({ type: 'nothing-to-send', issue: issue.id, plan });
        unsent = { exitCode: plan.inDoubt.length > 0 ? 1 : 0, result: 'nothing-to-send' };
        return [];
      }
      // Early, --yes answers the ordinary question but not this one: the answer must be to the schedule.
      if (mode === 'list' && (!options.yes || early)) {
        if (!options.confirm) {
          throw usageError(
            'sending to the list without a terminal needs --yes',
            'Add --yes to confirm (cron lines need it); try --dry-run first to see the plan.',
          );
        }
        const question: SendQuestion = {
          issue: issue.id,
          subject: rendered.subject,
          members: plan.send.length,
          transport: route.transport,
          early: early ? { sendAt, now: clock.now(), timeZone } : undefined,
        };
        if (!(await options.confirm(question))) {
          onEvent({ type: 'declined', issue: issue.id });
          unsent = { exitCode: 1, result: 'declined' };
          return [];
        }
      }
      if (lifting.length > 0) await liftFalseBounces(options.dir, falseFailures, timeZone, new Date(clock.now()));
      return [issue.id];
    },
    onStart: (id, plan) => onEvent({ type: 'started', issue: id, mode, count: plan.send.length, route, timeZone, at: clock.now() }),
    onEngineEvent: (id, event) => onEvent({ type: 'progress', issue: id, event, at: clock.now() }),
  });

  const plan = session.plans.get(issue.id)!;
  const sent = session.issues[0];
  if (!sent) return { exitCode: unsent?.exitCode ?? 0, result: unsent?.result ?? 'nothing-to-send', plan, report: undefined };
  if (sent.status === 'error') throw sent.error;
  const { report } = sent;
  onEvent({
    type: 'report',
    issue: issue.id,
    plan,
    report,
    elapsedMs: sent.elapsedMs,
    bouncesAdded: sent.bouncesAdded,
    suppressionFailure: sent.suppressionFailure,
  });
  const stopped = stopError(report.stop);
  if (stopped) throw stopped;
  return { exitCode: sent.suppressionFailure ? 1 : sendExitCode(report, plan), result: 'sent', plan, report };
}
