import { readdir } from 'node:fs/promises';
import { planDelivery } from '../delivery/delivery-plan.js';
import { readLedger } from '../delivery/ledger-file.js';
import { recipientStates, type LedgerEvent, type RecipientState } from '../delivery/ledger-event.js';
import { ledgerDir, ledgerLabel, ledgerPath } from '../delivery/state-paths.js';
import { SnippetError } from '../errors.js';
import { readBounceRows } from '../mailbox/bounces-file.js';
import type { IssueId } from '../issue/issue.js';
import { issueIdOfFile } from '../issue/issue-id.js';
import { loadWorkspace } from '../workspace/load-workspace.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import type { Output } from '../output.js';
import { formatZoned } from '../time/zoned-time.js';

export interface StatusOptions {
  dir: string;
  issue: IssueId | undefined;
  json: boolean;
}

export interface IssueStatus {
  issue: IssueId;
  audience: number;
  delivered: number;
  failed: Array<{ email: string; reason: string; bounced: boolean; at: string }>;
  deferred: Array<{ email: string; reason: string; at: string }>;
  inDoubt: Array<{ email: string; reason: string; at: string }>;
  suppressed: number;
  notYetAttempted: number;
  runs: Array<{ at: string; mode: string; transport: string }>;
  tests: Array<{ email: string; state: RecipientState['state']; at: string }>;
  /** Reports read by `snippet mailbox` after the server had taken the message (contacts/bounces.csv). */
  bouncedAfterDelivery: Array<{ email: string; kind: string; status: string; reason: string; date: string }>;
  lastActivity: string | undefined;
}

/** `snippet status`: what the ledger says was delivered, deferred, failed and in doubt. */
export async function statusCommand(options: StatusOptions, out: Output): Promise<IssueStatus> {
  const issue = options.issue ?? (await latestLedgerIssue(options.dir));
  if (!issue)
    throw new SnippetError('nothing has been sent from this workspace yet', { hint: 'Use `snippet send ISSUE --dry-run` to see what a send would do.' });
  const workspace = loadWorkspace(await readWorkspaceFiles(options.dir));
  const events = await readLedger(ledgerPath(options.dir, issue, 'list'), ledgerLabel(issue, 'list'));
  const testEvents = await readLedger(ledgerPath(options.dir, issue, 'test'), ledgerLabel(issue, 'test'));
  if (events.length === 0 && testEvents.length === 0 && !workspace.issues.some((i) => i.id === issue)) {
    throw new SnippetError(`there is no issue ${issue}: issues/${issue}.md does not exist and nothing was sent for it`, {
      hint: 'Check the month; `snippet status` without ISSUE shows the latest one sent.',
    });
  }
  const states = recipientStates(events);
  const parsed = workspace.issues.find((i) => i.id === issue)?.issue;
  const plan = planDelivery({ members: workspace.members, suppressions: workspace.suppressions, lists: parsed?.lists, ledger: states, resendInDoubt: false });
  const emails = new Map(workspace.members.map((m) => [m.key, m.email]));
  const email = (key: string): string => emails.get(key) ?? key;

  const status: IssueStatus = {
    issue,
    audience: plan.audience,
    delivered: 0,
    failed: [],
    deferred: [],
    inDoubt: [],
    suppressed: plan.suppressed.length,
    notYetAttempted: plan.send.length - plan.retrying,
    runs: events.flatMap((e) => (e.type === 'run' ? [{ at: e.at, mode: e.mode, transport: e.transport }] : [])),
    tests: [...recipientStates(testEvents)].map(([key, state]) => ({ email: key, state: state.state, at: state.at })),
    lastActivity: lastAt(events),
    bouncedAfterDelivery: (await readBounceRows(options.dir))
      .filter((row) => row.issue === issue && (row.kind === 'hard' || row.kind === 'soft'))
      .map((row) => ({ email: email(row.email), kind: row.kind, status: row.status, reason: row.words, date: row.date })),
  };
  for (const [key, state] of states) {
    if (state.state === 'delivered') status.delivered++;
    else if (state.state === 'failed') status.failed.push({ email: email(key), reason: state.reason, bounced: state.bounced, at: state.at });
    else if (state.state === 'deferred') status.deferred.push({ email: email(key), reason: state.reason, at: state.at });
    else status.inDoubt.push({ email: email(key), reason: state.reason, at: state.at });
  }

  if (options.json) {
    out.info(JSON.stringify(status, null, 2));
    return status;
  }
  // A person reads the times in the workspace's zone; --json keeps them ISO.
  const zone = workspace.config?.timeZone ?? 'Europe/London';
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
  if (status.inDoubt.length > 0) out.info('  In doubt: the server may have the message. `snippet send ISSUE --resend-in-doubt` sends them again.');
  for (const t of status.tests) out.info(`  test send: ${t.email}: ${t.state} at ${local(t.at)}`);
  return status;
}

async function latestLedgerIssue(dir: string): Promise<IssueId | undefined> {
  const names = await readdir(ledgerDir(dir)).catch(() => [] as string[]);
  const ids = names
    .map((n) => issueIdOfFile(n.replace(/\.jsonl$/u, '.md')))
    .filter((id): id is string => id !== undefined)
    .sort();
  return ids.at(-1);
}

function lastAt(events: readonly LedgerEvent[]): string | undefined {
  return events.at(-1)?.at;
}
