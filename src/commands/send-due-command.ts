import { planDelivery } from '../delivery/delivery-plan.js';
import { readLedger } from '../delivery/ledger-file.js';
import { recipientStates } from '../delivery/ledger-event.js';
import { consideredIssues, selectDueIssues, type IssueTiming } from '../delivery/select-due-issues.js';
import { systemClock, type Clock } from '../delivery/send-engine.js';
import { ledgerLabel, ledgerPath } from '../delivery/state-paths.js';
import { SnippetError, formatError, usageError } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import { scheduledSendAt } from '../issue/scheduled-send-at.js';
import { issueSendAt } from '../issue/send-time.js';
import { formatZoned, parseDateTime } from '../time/zoned-time.js';
import { loadWorkspace } from '../workspace/load-workspace.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import type { Output } from './output.js';
import { recordingOutput } from './recording-output.js';
import { sendCommand, type SendOptions } from './send-command.js';
import { sendDeliveryReport } from './send-delivery-report.js';
import { combineExitCodes, describeDueRun, type DueIssueOutcome, type SendDueOutcome } from './send-due-summary.js';

export interface SendDueOptions extends Omit<SendOptions, 'issue' | 'testTo' | 'yes' | 'confirm' | 'clock'> {
  /** Pretend it is this time (`--now`, as written: local to the workspace's time zone unless it has an offset). */
  now: string | undefined;
  /** Send an approved issue even when it is further past its time than `sending.stale_after`. */
  includeStale: boolean;
  /** Test hook; otherwise the real clock (`now` does not change it). */
  clock?: Clock;
}

/**
 * `snippet send --due`, for cron: send or resume the issue whose time has
 * come. Which one is decided by selectDueIssues (pure); each is then sent by
 * sendCommand exactly as `snippet send ISSUE --yes` would, under the lock.
 * Exit code: 1 when anything needs fixing, else 75 when work is left for a
 * later run (a limit, the lock), else 0 (including nothing due).
 */
export async function sendDueCommand(options: SendDueOptions, terminal: Output): Promise<SendDueOutcome> {
  // The run's lines, kept for the delivery report.
  const out = recordingOutput(terminal);
  const workspace = loadWorkspace(await readWorkspaceFiles(options.dir));
  const { config } = workspace;
  if (!config) {
    throw new SnippetError('snippet.config.yaml has problems, so nothing can be sent', { problems: workspace.problems.filter((p) => p.severity === 'error'), hint: 'Fix them; `snippet check` lists them.' });
  }
  const zone = config.timeZone;
  const pretend = options.now === undefined ? undefined : parseDateTime(options.now, zone);
  if (options.now !== undefined && !pretend) throw usageError(`--now "${options.now}" is not a date and time`, 'Write it as YYYY-MM-DDTHH:MM (local time), or with an offset such as Z or +01:00.');
  // --now only decides what is due: ledgers and rate windows keep the real
  // clock, or a pretended time would stamp the windows of every later run.
  const clock = options.clock ?? systemClock;
  const now = pretend?.getTime() ?? clock.now();
  const timings: IssueTiming[] = workspace.issues.map(({ id, issue }) => ({
    id,
    status: issue?.status,
    sendAt: issue ? issueSendAt(issue, zone, config.schedule) : scheduledSendAt(id, config.schedule, zone).instant,
  }));
  // Ledgers are read, and plans made, only for the issues a run can send.
  const remaining = new Map<IssueId, number>();
  for (const timing of consideredIssues({ issues: timings, now, staleAfterMs: config.sending.staleAfterMs })) {
    const issue = timing.status === 'approved' ? workspace.issues.find((entry) => entry.id === timing.id)?.issue : undefined;
    if (!issue) continue;
    const states = recipientStates(await readLedger(ledgerPath(options.dir, issue.id, 'list'), ledgerLabel(issue.id, 'list')));
    const plan = planDelivery({ members: workspace.members, suppressions: workspace.suppressions, lists: issue.lists, ledger: states, resendInDoubt: options.resendInDoubt });
    remaining.set(issue.id, plan.send.length);
  }
  const selection = selectDueIssues({ issues: timings, remaining, now, staleAfterMs: config.sending.staleAfterMs, includeStale: options.includeStale });

  const local = (at: Date): string => `${formatZoned(at, zone)} ${zone}`;
  if (pretend) out.info(`pretending it is ${local(new Date(now))} (--now)`);
  for (const draft of selection.drafts) {
    out.warn(`warning: ${draft.id} is a draft; its send time ${local(draft.sendAt)} has passed, but only approved issues are sent. Set "status: approved" when it is ready.`);
  }
  for (const stale of selection.stale) {
    out.warn(`warning: ${stale.id} is approved but its send time ${local(stale.sendAt)} is more than ${Math.round(config.sending.staleAfterMs / 86_400_000)} days ago; it is not sent by surprise. Send it with \`snippet send ${stale.id}\`, or add --include-stale.`);
  }
  for (const broken of selection.unreadable) {
    const entry = workspace.issues.find((i) => i.id === broken.id)!;
    out.problems(entry.problems);
    out.warn(`error: ${broken.id} has errors, so whether it is due cannot be told (its scheduled time ${local(broken.sendAt)} has passed). Fix them; \`snippet check ${broken.id}\` lists them.`);
  }

  const issues: DueIssueOutcome[] = [];
  for (const due of selection.due) {
    out.info(`${due.id}: due since ${local(due.sendAt)}`);
    issues.push(await sendOne(due, options, clock, out));
    if (issues.at(-1)!.result === 'locked') break;
  }

  const outcome: SendDueOutcome = {
    exitCode: combineExitCodes([...issues.map((i) => i.exitCode), ...(selection.unreadable.length > 0 ? [1 as const] : [])]),
    now: new Date(now).toISOString(),
    issues,
    skipped: [
      ...selection.drafts.map((i) => ({ issue: i.id, sendAt: i.sendAt.toISOString(), reason: 'draft' as const })),
      ...selection.stale.map((i) => ({ issue: i.id, sendAt: i.sendAt.toISOString(), reason: 'stale' as const })),
      ...selection.unreadable.map((i) => ({ issue: i.id, sendAt: i.sendAt.toISOString(), reason: 'unreadable' as const })),
    ],
    next: selection.next ? { issue: selection.next.id, sendAt: selection.next.sendAt.toISOString() } : undefined,
    deliveryReport: undefined,
  };

  if (!options.dryRun && config.reportTo && issues.some((i) => i.attempts > 0)) {
    const sent = await sendDeliveryReport({ ...options, config, clock, to: config.reportTo, outcome, lines: out.lines });
    outcome.deliveryReport = sent.sent ? 'sent' : 'not-sent';
    (sent.sent ? out.info : out.warn)(sent.line);
  }
  out.info(describeDueRun(outcome, local));
  return outcome;
}

async function sendOne(due: IssueTiming, options: SendDueOptions, clock: Clock, out: Output): Promise<DueIssueOutcome> {
  const base = { issue: due.id, sendAt: due.sendAt.toISOString() };
  try {
    // Cron has no terminal to confirm on: choosing --due is the confirmation.
    const result = await sendCommand({ ...options, issue: due.id, testTo: [], yes: true, confirm: undefined, clock }, out);
    const report = result.report;
    return {
      ...base,
      result: options.dryRun ? 'planned' : report ? 'sent' : 'nothing-to-send',
      exitCode: result.exitCode,
      attempts: report?.attempts ?? 0,
      delivered: report?.delivered.length ?? 0,
      failed: report?.failed.length ?? 0,
      inDoubt: (report?.inDoubt.length ?? 0) + result.plan.inDoubt.length,
      left: report ? report.deferred.length + report.notAttempted.length : result.plan.send.length,
      ...(report?.stop ? { stopped: report.stop.kind } : {}),
    };
  } catch (error) {
    if (!(error instanceof SnippetError)) throw error;
    // Reported here rather than thrown, so that the run still ends with its summary (and JSON).
    for (const line of formatError(error).split('\n')) out.warn(line);
    const locked = error.kind === 'tempfail';
    return { ...base, result: locked ? 'locked' : 'error', exitCode: locked ? 75 : 1, attempts: 0, delivered: 0, failed: 0, inDoubt: 0, left: 0, error: error.message };
  }
}
