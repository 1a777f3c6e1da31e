import type { Config } from '../config/config.js';
import { buildReportMessage } from '../mail/report-message.js';
import { planDelivery, type DeliveryPlan } from '../delivery/delivery-plan.js';
import { recipientStates } from '../delivery/ledger-event.js';
import { readLedger } from '../delivery/ledger-file.js';
import { ledgerLabel, ledgerPath } from '../delivery/state-paths.js';
import { consideredIssues, selectDueIssues, type DueSelection, type IssueTiming } from '../delivery/select-due-issues.js';
import { systemClock, type Clock } from '../delivery/send-engine.js';
import { isSendLockError, runSendSession, type FollowUpOutcome, type SessionIssue, type SessionIssueOutcome } from '../delivery/send-session.js';
import { SnippetError, formatError, isSnippetError, usageError } from '../errors.js';
import type { Issue, IssueId } from '../issue/issue.js';
import { scheduledSendAt } from '../issue/scheduled-send-at.js';
import { issueSendAt } from '../issue/send-time.js';
import { childRenderer } from '../render/render-in-child.js';
import { formatZoned, parseDateTime } from '../time/zoned-time.js';
import { loadWorkspace } from '../workspace/load-workspace.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import { prepareIssue, requireRendered } from '../actions/prepare-issue.js';
import type { Output } from '../output.js';
import { recordingOutput } from './recording-output.js';
import { STAND_IN_RECIPIENT } from '../actions/sample-recipient.js';
import { issueMessages, sendExitCode, sendTransport, sessionSettings, startLine, type SendOptions } from './send-command.js';
import { combineExitCodes, describeDueRun, type DueIssueOutcome, type SendDueOutcome } from './send-due-summary.js';
import { sendProgress } from './send-progress.js';
import { describePlan, describeReport, describeSchedule, formatDuration, stopError } from './send-report.js';

export interface SendDueOptions extends Omit<SendOptions, 'issue' | 'testTo' | 'yes' | 'early' | 'confirm' | 'clock'> {
  /** Pretend it is this time (`--now`, as written: local to the workspace's time zone unless it has an offset). */
  now: string | undefined;
  /** Send an approved issue even when it is further past its time than `sending.stale_after`. */
  includeStale: boolean;
  /** Test hook; otherwise the real clock (`now` does not change it). */
  clock?: Clock;
}

/**
 * `snippet send --due`, for cron: send or resume the issues whose time has
 * come, in one send session (one lock, each ledger read once). Which ones
 * is decided by selectDueIssues (pure) from the session's plans; each is
 * sent exactly as `snippet send ISSUE --yes` would. After a run that sent
 * something, the run's log is mailed to `report_to` in the same session.
 * Exit code: 1 when anything needs fixing, else 75 when work is left for a
 * later run (a limit, the lock), else 0 (including nothing due).
 */
export async function sendDueCommand(options: SendDueOptions, terminal: Output): Promise<SendDueOutcome> {
  // The run's lines, kept for the delivery report.
  const out = recordingOutput(terminal);
  const workspace = loadWorkspace(await readWorkspaceFiles(options.dir));
  const { config } = workspace;
  if (!config) {
    throw new SnippetError('snippet.config.yaml has problems, so nothing can be sent', {
      problems: workspace.problems.filter((p) => p.severity === 'error'),
      hint: 'Fix them; `snippet check` lists them.',
    });
  }
  const zone = config.timeZone;
  const pretend = options.now === undefined ? undefined : parseDateTime(options.now, zone);
  if (options.now !== undefined && !pretend)
    throw usageError(`--now "${options.now}" is not a date and time`, 'Write it as YYYY-MM-DDTHH:MM (local time), or with an offset such as Z or +01:00.');
  // --now only decides what is due: ledgers and rate windows keep the real
  // clock, or a pretended time would stamp the windows of every later run.
  const clock = options.clock ?? systemClock;
  const now = pretend?.getTime() ?? clock.now();
  const timings: IssueTiming[] = workspace.issues.map(({ id, issue }) => ({
    id,
    status: issue?.status,
    sendAt: issue ? issueSendAt(issue, zone, config.schedule) : scheduledSendAt(id, config.schedule, zone).instant,
  }));
  const local = (at: Date): string => `${formatZoned(at, zone)} ${zone}`;
  if (pretend) out.info(`pretending it is ${local(new Date(now))} (--now)`);

  // Ledgers are read, and plans made, only for the issues a run can send.
  const candidates = consideredIssues({ issues: timings, now, staleAfterMs: config.sending.staleAfterMs }).flatMap((timing) => {
    const issue = timing.status === 'approved' ? workspace.issues.find((entry) => entry.id === timing.id)?.issue : undefined;
    return issue ? [{ timing, issue }] : [];
  });
  const how = sendTransport(options, config);
  // An approved issue whose time is still to come may have gone out early, in full: then it is not next.
  const upcoming = new Map<IssueId, number>();
  for (const timing of timings.filter((t) => t.sendAt.getTime() > now && t.status === 'approved')) {
    const issue = workspace.issues.find((entry) => entry.id === timing.id)!.issue!;
    const states = recipientStates(await readLedger(ledgerPath(options.dir, issue.id, 'list'), ledgerLabel(issue.id, 'list')));
    upcoming.set(
      issue.id,
      planDelivery({
        members: workspace.members,
        suppressions: workspace.suppressions,
        lists: issue.lists,
        ledger: states,
        resendInDoubt: options.resendInDoubt,
      }).send.length,
    );
  }
  const prepare = async (issue: Issue) => {
    const ready = requireRendered(await prepareIssue(options.dir, issue.id, options.render ?? childRenderer()));
    out.problems(ready.problems);
    return { build: issueMessages(ready, false, options, clock), subject: ready.rendered.subject };
  };
  const sessionIssues: SessionIssue[] = candidates.map(({ timing, issue }) => ({
    id: issue.id,
    mode: 'list',
    testTo: [],
    lists: issue.lists,
    prepare: async () => {
      out.info(`${issue.id}: due since ${local(timing.sendAt)}`);
      return (await prepare(issue)).build;
    },
  }));

  let selection: DueSelection | undefined;
  const planned: DueIssueOutcome[] = [];
  let progress: ReturnType<typeof sendProgress> | undefined;
  const sent: DueIssueOutcome[] = [];
  let reportMessage: { to: string } | undefined;
  let session;
  try {
    session = await runSendSession({
      dir: options.dir,
      command: 'send --due',
      dryRun: options.dryRun,
      issues: sessionIssues,
      members: workspace.members,
      suppressions: workspace.suppressions,
      resendInDoubt: options.resendInDoubt,
      ...sessionSettings(options, config, clock, how),
      choose: async (plans) => {
        const remaining = new Map([...upcoming, ...[...plans].map(([id, plan]) => [id, plan.send.length] as const)]);
        selection = selectDueIssues({ issues: timings, remaining, now, staleAfterMs: config.sending.staleAfterMs, includeStale: options.includeStale });
        warnSkipped(selection, workspace, config, out, local);
        if (!options.dryRun) return selection.due.map((due) => due.id);
        for (const due of selection.due) planned.push(await planOnly(due, plans.get(due.id)!));
        return [];
      },
      onStart: (id, plan) => {
        out.info(startLine(id, 'list', plan.send.length, how));
        progress = sendProgress(out, plan.send.length, () => clock.now(), config.timeZone);
      },
      onEngineEvent: (_id, event) => progress?.onEvent(event),
      onDone: (entry) => {
        progress?.done();
        progress = undefined;
        sent.push(dueOutcome(entry, timings, out));
      },
      followUp: () => {
        if (!config.reportTo || !sent.some((i) => i.attempts > 0)) return undefined;
        reportMessage = { to: config.reportTo.address };
        const subject = reportSubject(sent, config.network.shortName);
        const message = buildReportMessage({ from: config.from, to: config.reportTo, subject, text: out.lines.join('\n'), date: new Date(clock.now()) });
        return { envelope: message.envelope, messageId: message.messageId, chunks: [message.raw] };
      },
    });
  } catch (error) {
    if (!isSendLockError(error)) throw error;
    // Another run holds the lock: nothing here was looked at; every issue it could send is left to it.
    for (const line of formatError(error).split('\n')) out.warn(line);
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
    const outcome: SendDueOutcome = {
      exitCode: 75,
      now: new Date(now).toISOString(),
      issues,
      skipped: [],
      next: nextOf(timings, now, upcoming),
      deliveryReport: undefined,
    };
    out.info(describeDueRun(outcome, local));
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
    next: chosen.next ? { issue: chosen.next.id, sendAt: chosen.next.sendAt.toISOString() } : nextOf(timings, now, upcoming),
    deliveryReport: undefined,
  };
  if (reportMessage && session.followUp) {
    outcome.deliveryReport = session.followUp.sent ? 'sent' : 'not-sent';
    const line = followUpLine(session.followUp, reportMessage.to);
    (session.followUp.sent ? out.info : out.warn)(line);
  }
  out.info(describeDueRun(outcome, local));
  return outcome;

  /** --dry-run: the plan of one due issue, as `snippet send ISSUE --dry-run` prints it. */
  async function planOnly(due: IssueTiming, plan: DeliveryPlan): Promise<DueIssueOutcome> {
    const base = { issue: due.id, sendAt: due.sendAt.toISOString() };
    const issue = candidates.find((c) => c.timing.id === due.id)!.issue;
    out.info(`${due.id}: due since ${local(due.sendAt)}`);
    try {
      const { build, subject } = await prepare(issue);
      const messageBytes = build(plan.send[0] ?? STAND_IN_RECIPIENT).raw.length;
      for (const line of describePlan(plan, {
        issue: due.id,
        subject,
        status: issue.status,
        schedule: describeSchedule(due.sendAt, now, zone),
        messageBytes,
        rates: how.rates,
        connections: how.connections,
        transport: how.transport,
        mode: 'list',
      }))
        out.info(line);
      return { ...base, result: 'planned', exitCode: 0, attempts: 0, delivered: 0, failed: 0, inDoubt: plan.inDoubt.length, left: plan.send.length };
    } catch (error) {
      if (!isSnippetError(error)) throw error;
      return errorOutcome(base, error, out);
    }
  }
}

/** What one issue of the session came to, for the summary and --json; its report printed. */
function dueOutcome(entry: SessionIssueOutcome, timings: readonly IssueTiming[], out: Output): DueIssueOutcome {
  const base = { issue: entry.issue, sendAt: timings.find((t) => t.id === entry.issue)!.sendAt.toISOString() };
  if (entry.status === 'error') return errorOutcome(base, entry.error, out);
  const { report, plan } = entry;
  for (const line of describeReport(report, {
    issue: entry.issue,
    suppressed: plan.suppressed.length,
    elapsedMs: entry.elapsedMs,
    bouncesAdded: entry.bouncesAdded,
    earlierInDoubt: plan.inDoubt,
    suppressionFailure: entry.suppressionFailure,
  }))
    out.info(line);
  const counts = {
    attempts: report.attempts,
    delivered: report.delivered.length,
    failed: report.failed.length,
    inDoubt: report.inDoubt.length + plan.inDoubt.length,
    left: report.deferred.length + report.notAttempted.length,
    ...(report.stop ? { stopped: report.stop.kind } : {}),
  };
  const stopped = stopError(report.stop);
  if (stopped) return { ...errorOutcome(base, stopped, out), ...counts };
  return { ...base, result: 'sent', exitCode: entry.suppressionFailure ? 1 : sendExitCode(report, plan), ...counts };
}

/** Reported here rather than thrown, so that the run still ends with its summary (and JSON). */
function errorOutcome(base: { issue: IssueId; sendAt: string }, error: SnippetError, out: Output): DueIssueOutcome {
  for (const line of formatError(error).split('\n')) out.warn(line);
  return { ...base, result: 'error', exitCode: 1, attempts: 0, delivered: 0, failed: 0, inDoubt: 0, left: 0, error: error.message };
}

function warnSkipped(selection: DueSelection, workspace: ReturnType<typeof loadWorkspace>, config: Config, out: Output, local: (at: Date) => string): void {
  for (const draft of selection.drafts) {
    out.warn(
      `warning: ${draft.id} is a draft; its send time ${local(draft.sendAt)} has passed, but only approved issues are sent. Set "status: approved" when it is ready.`,
    );
  }
  for (const stale of selection.stale) {
    out.warn(
      `warning: ${stale.id} is approved but its send time ${local(stale.sendAt)} is more than ${Math.round(config.sending.staleAfterMs / 86_400_000)} days ago; it is not sent by surprise. Send it with \`snippet send ${stale.id}\`, or add --include-stale.`,
    );
  }
  for (const broken of selection.unreadable) {
    const entry = workspace.issues.find((i) => i.id === broken.id)!;
    out.problems(entry.problems);
    out.warn(
      `error: ${broken.id} has errors, so whether it is due cannot be told (its scheduled time ${local(broken.sendAt)} has passed). Fix them; \`snippet check ${broken.id}\` lists them.`,
    );
  }
}

function nextOf(timings: readonly IssueTiming[], now: number, remaining: ReadonlyMap<IssueId, number>): SendDueOutcome['next'] {
  const next = selectDueIssues({ issues: timings, remaining, now, staleAfterMs: Infinity, includeStale: false }).next;
  return next ? { issue: next.id, sendAt: next.sendAt.toISOString() } : undefined;
}

function followUpLine(result: FollowUpOutcome, to: string): string {
  if (result.sent) return `delivery report sent to ${to}`;
  if (result.waitMs !== undefined) return `delivery report not sent: ${result.reason} for ${formatDuration(result.waitMs)}`;
  return result.reason === 'interrupted' ? 'delivery report not sent: interrupted' : `delivery report not sent to ${to}: ${result.reason}`;
}

function reportSubject(issues: readonly DueIssueOutcome[], network: string): string {
  const parts = issues.map(
    (i) =>
      `${i.issue} delivered ${i.delivered}${i.left > 0 ? `, ${i.left} left` : ''}${i.failed + i.inDoubt > 0 ? `, ${i.failed} failed, ${i.inDoubt} in doubt` : ''}`,
  );
  return `${network} snippet delivery report: ${parts.join('; ')}`;
}
