import { readLedger } from '../delivery/ledger-file.js';
import { recipientStates, type RecipientState, type SendMode } from '../delivery/ledger-event.js';
import { listLedgers } from '../delivery/list-ledgers.js';
import { ledgerLabel, ledgerPath } from '../delivery/state-paths.js';
import { SnippetError } from '../errors.js';
import { readBounceRows } from '../mailbox/bounces-file.js';
import type { IssueId } from '../issue/issue.js';
import { loadWorkspace } from '../workspace/load-workspace.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import type { Output } from '../output.js';
import { formatZoned } from '../time/zoned-time.js';
import { issueStatus, readIssueLedgers, requireKnownIssue, type IssueStatus } from './issue-status.js';

export type { IssueStatus };

export interface StatusOptions {
  dir: string;
  issue: IssueId | undefined;
  json: boolean;
}

/** No issue has gone to the list yet: only test sends, each issue's in turn. */
export interface TestSendsOnly {
  issue: undefined;
  tests: Array<{ issue: IssueId; email: string; state: RecipientState['state']; at: string }>;
}

/**
 * `snippet status`: what the ledger says was delivered, deferred, failed and
 * in doubt. Without an issue, the latest sent to the list; when none was yet,
 * the test sends.
 */
export async function statusCommand(options: StatusOptions & { issue: IssueId }, out: Output): Promise<IssueStatus>;
export async function statusCommand(options: StatusOptions, out: Output): Promise<IssueStatus | TestSendsOnly>;
export async function statusCommand(options: StatusOptions, out: Output): Promise<IssueStatus | TestSendsOnly> {
  const ledgers = options.issue === undefined ? await ledgerIssues(options.dir) : undefined;
  const issue = options.issue ?? ledgers?.list.at(-1);
  if (!issue) {
    if (ledgers && ledgers.test.length > 0) return testSendsOnly(options, ledgers.test, out);
    throw new SnippetError('nothing has been sent from this workspace yet', { hint: 'Use `snippet send ISSUE --dry-run` to see what a send would do.' });
  }
  const workspace = loadWorkspace(await readWorkspaceFiles(options.dir));
  const events = await readIssueLedgers(options.dir, issue);
  // An unknown month is said first: bounces.csv is read only for an issue there is.
  requireKnownIssue(workspace, issue, events);
  const status = issueStatus(workspace, issue, events, await readBounceRows(options.dir));
  const zone = status.timeZone;

  if (options.json) {
    const { timeZone: _zone, ...printed } = status;
    out.info(JSON.stringify(printed, null, 2));
    return status;
  }
  const local = (iso: string): string => `${formatZoned(new Date(iso), zone)} ${zone}`;
  out.info(`${issue}: ${status.audience} in the audience`);
  out.info(`  delivered        ${status.delivered}`);
  out.info(`  deferred         ${status.deferred.length}`);
  out.info(`  failed           ${status.failed.length}`);
  out.info(`  in doubt         ${status.inDoubt.length}`);
  out.info(`  suppressed       ${status.suppressed}`);
  out.info(`  not yet tried    ${status.notYetAttempted}`);
  if (status.runs.length > 0) out.info(`  runs             ${status.runs.length}, the last at ${local(status.runs.at(-1)!.at)}`);
  for (const f of status.failed) out.info(`  failed: ${f.email}: ${f.reason}`);
  for (const d of status.deferred) out.info(`  deferred: ${d.email}: ${d.reason}`);
  for (const d of status.inDoubt) out.info(`  in doubt: ${d.email}: ${d.reason}`);
  for (const b of status.bouncedAfterDelivery) {
    out.info(`  bounced after delivery: ${b.email}: ${b.kind}${b.status ? ` ${b.status}` : ''}${b.reason ? `, ${b.reason}` : ''} (reported ${b.date})`);
  }
  if (status.refusedAlike) {
    const { count, reason } = status.refusedAlike;
    out.info(
      `  ${count} of the failed ${count === 1 ? 'was' : 'were'} refused in a run where the server refused most recipients alike (${reason.split('\n')[0]!}): the refusal was the server's (a sender it would not take, or a relay refusing everyone), not ${count === 1 ? 'the address' : 'these addresses'}'. Once the server takes mail, \`snippet send ${issue} --resend-failed\` sends to them and lifts the suppressions that run wrote.`,
    );
  }
  if (status.inDoubt.length > 0) out.info('  In doubt: the server may have the message. `snippet send ISSUE --resend-in-doubt` sends them again.');
  for (const t of status.tests) out.info(`  test send: ${t.email}: ${t.state} at ${local(t.at)}`);
  return status;
}

/** The issues with a ledger, oldest first: those sent to the list, and those only tested. */
async function ledgerIssues(dir: string): Promise<{ list: IssueId[]; test: IssueId[] }> {
  const ledgers = await listLedgers(dir);
  const issues = (mode: SendMode): IssueId[] => ledgers.flatMap((ledger) => (ledger.mode === mode ? [ledger.issue] : []));
  return { list: issues('list'), test: issues('test') };
}

/** Only test sends so far: nothing to report of the list, so the test sends are the news (not an error). */
async function testSendsOnly(options: StatusOptions, issues: readonly IssueId[], out: Output): Promise<TestSendsOnly> {
  const result: TestSendsOnly = { issue: undefined, tests: [] };
  for (const issue of issues) {
    const events = await readLedger(ledgerPath(options.dir, issue, 'test'), ledgerLabel(issue, 'test'));
    for (const [email, state] of recipientStates(events)) result.tests.push({ issue, email, state: state.state, at: state.at });
  }
  if (options.json) {
    out.info(JSON.stringify({ ...result, issue: null }, null, 2));
    return result;
  }
  const workspace = loadWorkspace(await readWorkspaceFiles(options.dir));
  const zone = workspace.config?.timeZone ?? 'Europe/London';
  out.info('No issue has gone to the list yet.');
  for (const t of result.tests) out.info(`  test send: ${t.issue} to ${t.email}: ${t.state} at ${formatZoned(new Date(t.at), zone)} ${zone}`);
  out.info('  `snippet send ISSUE --dry-run` shows who an issue would go to.');
  return result;
}
