import { buildReportMessage } from '../mail/report-message.js';
import type { DeliveryPlan } from '../delivery/delivery-plan.js';
import { consideredIssues, selectDueIssues, type DueSelection, type IssueTiming } from '../delivery/select-due-issues.js';
import { systemClock, type Clock } from '../delivery/send-engine.js';
import { isSendLockError, runSendSession, type SessionIssue, type SessionIssueOutcome } from '../delivery/send-session.js';
import { SnippetError, isSnippetError, usageError } from '../errors.js';
import type { Issue, IssueId } from '../issue/issue.js';
import { scheduledSendAt } from '../issue/scheduled-send-at.js';
import { issueSendAt } from '../issue/send-time.js';
import type { IssueRenderer } from '../render/issue-renderer.js';
import { childRenderer } from '../render/render-in-child.js';
import { parseDateTime } from '../time/zoned-time.js';
import { loadWorkspace } from '../workspace/load-workspace.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import { issueMessages } from './issue-messages.js';
import { mailboxCommand } from './mailbox-command.js';
import type { ImapEnvironment } from './mailbox-sign-in.js';
import { prepareIssue, requireRendered } from './prepare-issue.js';
import type { DueIssueOutcome, SendDueOutcome } from './send-due-outcome.js';
import type { SendDueListener, SendEvent } from './send-events.js';
import { combineExitCodes, sendExitCode } from './send-exit-code.js';
import { planPreview } from './send-preview.js';
import { sendRoute, sessionSettings, type TransportOptions } from './send-route.js';
import { stopError } from './stop-error.js';
import type { AccessTokenProvider } from '../smtp/access-token.js';
import { runAccessToken } from '../smtp/smtp-connection-settings.js';

export type { DueIssueOutcome, SendDueOutcome };

export interface SendDueOptions extends TransportOptions {
  dryRun: boolean;
  resendInDoubt: boolean;
  unsubscribeSecret: string | undefined;
  /** Pretend it is this time (`--now`, as written: local to the workspace's time zone unless it has an offset). */
  now: string | undefined;
  /** Send an approved issue even when it is further past its time than `sending.stale_after`. */
  includeStale: boolean;
  /** SNIPPET_IMAP_*: the mailbox's own sign-in, for `mailbox.before_send`. */
  imap?: ImapEnvironment;
  /** Test hook: how long to wait for the IMAP server before sending without it. */
  mailboxTimeoutMs?: number;
  /** Test hook; otherwise the real clock (`now` does not change it). */
  clock?: Clock;
  render?: IssueRenderer;
}

/**
 * `snippet send --due`, for cron: send or resume the issues whose time has
 * come, in one send session (one lock, each ledger read once, one plan per
 * issue). Which ones is decided by selectDueIssues (pure) from the session's
 * plans; each is sent exactly as `snippet send ISSUE --yes` would. After a
 * run that sent something, the run's log (`listener.log()`) is mailed to
 * `report_to` in the same session. Exit code: 1 when anything needs fixing,
 * else 75 when work is left for a later run (a limit, the lock), else 0
 * (including nothing due).
 */
export async function sendDueCommand(options: SendDueOptions, listener: SendDueListener): Promise<SendDueOutcome> {
  const onEvent = (event: SendEvent): void => listener.onEvent(event);
  let workspace = loadWorkspace(await readWorkspaceFiles(options.dir));
  const configProblems = (): SnippetError =>
    new SnippetError('snippet.config.yaml has problems, so nothing can be sent', {
      problems: workspace.problems.filter((p) => p.severity === 'error'),
      hint: 'Fix them; `snippet check` lists them.',
    });
  if (!workspace.config) throw configProblems();
  // mailbox.before_send: last month's bounces and unsubscribe replies are acted on before anyone is sent to.
  // One token a run: the mailbox's sign-in and the SMTP server's share it.
  const accessToken = runAccessToken(options.smtp, workspace.config, options.dir);
  if (workspace.config.mailbox.beforeSend && (await readMailboxFirst(options, accessToken, onEvent))) {
    workspace = loadWorkspace(await readWorkspaceFiles(options.dir));
    if (!workspace.config) throw configProblems();
  }
  const { config } = workspace;
  const timeZone = config.timeZone;
  const pretend = options.now === undefined ? undefined : parseDateTime(options.now, timeZone);
  if (options.now !== undefined && !pretend)
    throw usageError(`--now "${options.now}" is not a date and time`, 'Write it as YYYY-MM-DDTHH:MM (local time), or with an offset such as Z or +01:00.');
  // --now only decides what is due: ledgers and rate windows keep the real
  // clock, or a pretended time would stamp the windows of every later run.
  const clock = options.clock ?? systemClock;
  const now = pretend?.getTime() ?? clock.now();
  const timings: IssueTiming[] = workspace.issues.map(({ id, issue }) => ({
    id,
    status: issue?.status,
    sendAt: issue ? issueSendAt(issue, timeZone, config.schedule) : scheduledSendAt(id, config.schedule, timeZone).instant,
  }));
  if (pretend) onEvent({ type: 'pretending', now: new Date(now), timeZone });

  const approved = (timing: IssueTiming): Issue[] => {
    const issue = timing.status === 'approved' ? workspace.issues.find((entry) => entry.id === timing.id)?.issue : undefined;
    return issue ? [issue] : [];
  };
  // Ledgers are read, and plans made, only for the issues a run can send, and
  // for the approved ones still to come: one may have gone out early, in full, and then it is not next.
  const candidates = consideredIssues({ issues: timings, now, staleAfterMs: config.sending.staleAfterMs }).flatMap((timing) =>
    approved(timing).map((issue) => ({ timing, issue })),
  );
  const upcoming = timings.filter((t) => t.sendAt.getTime() > now).flatMap(approved);
  const route = sendRoute(options, config);
  const prepare = async (issue: Issue) => {
    const ready = requireRendered(await prepareIssue(options.dir, issue.id, options.render ?? childRenderer()));
    if (ready.problems.length > 0) onEvent({ type: 'problems', issue: issue.id, problems: ready.problems });
    return { build: issueMessages(ready, false, options, clock), subject: ready.rendered.subject };
  };
  const sessionIssues: SessionIssue[] = candidates.map(({ timing, issue }) => ({
    id: issue.id,
    mode: 'list',
    testTo: [],
    lists: issue.lists,
    prepare: async () => {
      onEvent({ type: 'due', issue: issue.id, sendAt: timing.sendAt, timeZone, now });
      return (await prepare(issue)).build;
    },
  }));
  const sendAtOf = (id: IssueId): string => timings.find((t) => t.id === id)!.sendAt.toISOString();

  let selection: DueSelection | undefined;
  let remaining = new Map<IssueId, number>();
  const planned: DueIssueOutcome[] = [];
  const sent: DueIssueOutcome[] = [];
  let reportTo: string | undefined;
  let session;
  try {
    session = await runSendSession({
      dir: options.dir,
      command: 'send --due',
      dryRun: options.dryRun,
      issues: sessionIssues,
      planOnly: upcoming.map((issue) => ({ id: issue.id, mode: 'list', testTo: [], lists: issue.lists })),
      members: workspace.members,
      suppressions: workspace.suppressions,
      resendInDoubt: options.resendInDoubt,
      ...sessionSettings(options, config, clock, route, accessToken),
      choose: async (plans) => {
        remaining = new Map([...plans].map(([id, plan]) => [id, plan.send.length] as const));
        selection = selectDueIssues({ issues: timings, remaining, now, staleAfterMs: config.sending.staleAfterMs, includeStale: options.includeStale });
        const { drafts, stale } = selection;
        const unreadable = selection.unreadable.map((timing) => ({ ...timing, problems: workspace.issues.find((i) => i.id === timing.id)!.problems }));
        if (drafts.length + stale.length + unreadable.length > 0)
          onEvent({ type: 'skipped', drafts, stale, unreadable, staleAfterMs: config.sending.staleAfterMs, timeZone });
        if (!options.dryRun) return selection.due.map((due) => due.id);
        for (const due of selection.due) planned.push(await planOnly(due, plans.get(due.id)!));
        return [];
      },
      onStart: (id, plan) => onEvent({ type: 'started', issue: id, mode: 'list', count: plan.send.length, route, timeZone, at: clock.now() }),
      onEngineEvent: (id, event) => onEvent({ type: 'progress', issue: id, event, at: clock.now() }),
      onDone: (entry) => sent.push(dueOutcome(entry, sendAtOf(entry.issue), onEvent)),
      followUp: () => {
        if (!config.reportTo || !sent.some((i) => i.attempts > 0)) return undefined;
        reportTo = config.reportTo.address;
        const subject = reportSubject(sent, config.network.shortName);
        const message = buildReportMessage({ from: config.from, to: config.reportTo, subject, text: listener.log(), date: new Date(clock.now()) });
        return { envelope: message.envelope, messageId: message.messageId, chunks: [message.raw] };
      },
    });
  } catch (error) {
    if (!isSendLockError(error)) throw error;
    // Another run holds the lock: nothing here was looked at; every issue it could send is left to it.
    onEvent({ type: 'locked', error });
    const issues = candidates.map(({ timing }) => ({
      issue: timing.id,
      sendAt: timing.sendAt.toISOString(),
      result: 'locked' as const,
      exitCode: 75 as const,
      attempts: 0,
      delivered: 0,
      failed: 0,
      inDoubt: 0,
      left: 0,
      error: error.message,
    }));
    // Without the ledgers, an issue still to come counts as unsent: the other run may be sending it.
    const next = selectDueIssues({ issues: timings, remaining, now, staleAfterMs: Infinity, includeStale: false }).next;
    const outcome: SendDueOutcome = {
      exitCode: 75,
      now: new Date(now).toISOString(),
      issues,
      skipped: [],
      next: next ? { issue: next.id, sendAt: next.sendAt.toISOString() } : undefined,
      deliveryReport: undefined,
    };
    onEvent({ type: 'summary', outcome, timeZone });
    return outcome;
  }
  const chosen = selection ?? { due: [], drafts: [], stale: [], unreadable: [], next: undefined };
  const issues = options.dryRun ? planned : sent;
  const outcome: SendDueOutcome = {
    exitCode: combineExitCodes([...issues.map((i) => i.exitCode), ...(chosen.unreadable.length > 0 ? [1 as const] : [])]),
    now: new Date(now).toISOString(),
    issues,
    skipped: [
      ...chosen.drafts.map((i) => ({ issue: i.id, sendAt: i.sendAt.toISOString(), reason: 'draft' as const })),
      ...chosen.stale.map((i) => ({ issue: i.id, sendAt: i.sendAt.toISOString(), reason: 'stale' as const })),
      ...chosen.unreadable.map((i) => ({ issue: i.id, sendAt: i.sendAt.toISOString(), reason: 'unreadable' as const })),
    ],
    next: chosen.next ? { issue: chosen.next.id, sendAt: chosen.next.sendAt.toISOString() } : undefined,
    deliveryReport: undefined,
  };
  if (reportTo !== undefined && session.followUp) {
    outcome.deliveryReport = session.followUp.sent ? 'sent' : 'not-sent';
    onEvent({ type: 'delivery-report', to: reportTo, outcome: session.followUp });
  }
  onEvent({ type: 'summary', outcome, timeZone });
  return outcome;

  /** --dry-run: the plan of one due issue, as `snippet send ISSUE --dry-run` gives it. */
  async function planOnly(due: IssueTiming, plan: DeliveryPlan): Promise<DueIssueOutcome> {
    const base = { issue: due.id, sendAt: due.sendAt.toISOString() };
    const issue = candidates.find((c) => c.timing.id === due.id)!.issue;
    onEvent({ type: 'due', issue: due.id, sendAt: due.sendAt, timeZone, now });
    try {
      const { build, subject } = await prepare(issue);
      const preview = planPreview(plan, build, { ...route, subject, status: issue.status, sendAt: due.sendAt, now, timeZone, mode: 'list' });
      onEvent({ type: 'planned', issue: due.id, plan, preview });
      return { ...base, result: 'planned', exitCode: 0, attempts: 0, delivered: 0, failed: 0, inDoubt: plan.inDoubt.length, left: plan.send.length };
    } catch (error) {
      if (!isSnippetError(error)) throw error;
      return errorOutcome(base, error, onEvent);
    }
  }
}

/**
 * `mailbox.before_send`: runs `snippet mailbox` (the IMAP mailboxes of
 * mailbox.url) before the send. A mailbox that cannot be read, for whatever
 * reason the mailbox command gives, is a warning: the send goes on with the
 * suppressions as they are. Returns whether it suppressed anyone, so the
 * contacts are read again.
 */
async function readMailboxFirst(options: SendDueOptions, accessToken: AccessTokenProvider | undefined, onEvent: (event: SendEvent) => void): Promise<boolean> {
  const clock = options.clock ?? systemClock;
  try {
    const result = await mailboxCommand({
      dir: options.dir,
      dryRun: options.dryRun,
      now: new Date(clock.now()),
      unsubscribeSecret: options.unsubscribeSecret,
      imap: options.imap ?? {},
      smtp: options.smtp,
      accessToken,
      timeoutMs: options.mailboxTimeoutMs,
    });
    const suppressed = result.entries.filter((entry) => entry.outcome.action === 'suppress').length;
    const toConfirm = result.entries.filter((entry) => entry.outcome.action === 'confirm').length;
    onEvent({ type: 'mailbox-read', read: result.read, suppressed, toConfirm, moved: result.moved, dryRun: options.dryRun });
    return suppressed > 0 && !options.dryRun;
  } catch (error) {
    if (!isSnippetError(error)) throw error;
    onEvent({ type: 'mailbox-unread', error });
    return false;
  }
}

/** What one issue of the session came to, for the summary and --json; its report told. */
function dueOutcome(entry: SessionIssueOutcome, sendAt: string, onEvent: (event: SendEvent) => void): DueIssueOutcome {
  const base = { issue: entry.issue, sendAt };
  if (entry.status === 'error') return errorOutcome(base, entry.error, onEvent);
  const { report, plan } = entry;
  onEvent({
    type: 'report',
    issue: entry.issue,
    plan,
    report,
    elapsedMs: entry.elapsedMs,
    bouncesAdded: entry.bouncesAdded,
    suppressionFailure: entry.suppressionFailure,
  });
  const counts = {
    attempts: report.attempts,
    delivered: report.delivered.length,
    failed: report.failed.length,
    inDoubt: report.inDoubt.length + plan.inDoubt.length,
    left: report.deferred.length + report.notAttempted.length,
    ...(report.stop ? { stopped: report.stop.kind } : {}),
  };
  const stopped = stopError(report.stop);
  if (stopped) return { ...errorOutcome(base, stopped, onEvent), ...counts };
  return { ...base, result: 'sent', exitCode: entry.suppressionFailure ? 1 : sendExitCode(report, plan), ...counts };
}

/** Told rather than thrown, so that the run still ends with its summary (and JSON). */
function errorOutcome(base: { issue: IssueId; sendAt: string }, error: SnippetError, onEvent: (event: SendEvent) => void): DueIssueOutcome {
  onEvent({ type: 'issue-error', issue: base.issue, error });
  return { ...base, result: 'error', exitCode: 1, attempts: 0, delivered: 0, failed: 0, inDoubt: 0, left: 0, error: error.message };
}

function reportSubject(issues: readonly DueIssueOutcome[], network: string): string {
  const parts = issues.map(
    (i) =>
      `${i.issue} delivered ${i.delivered}${i.left > 0 ? `, ${i.left} left` : ''}${i.failed + i.inDoubt > 0 ? `, ${i.failed} failed, ${i.inDoubt} in doubt` : ''}`,
  );
  return `${network} snippet delivery report: ${parts.join('; ')}`;
}
