import { planDelivery, type DeliveryPlan } from '../delivery/delivery-plan.js';
import { readLedger } from '../delivery/ledger-file.js';
import { recipientStates, type LedgerEvent, type RecipientState } from '../delivery/ledger-event.js';
import { falseFailures } from '../delivery/safety-stopped-failures.js';
import { ledgerLabel, ledgerPath } from '../delivery/state-paths.js';
import { SnippetError } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import type { BounceRow } from '../mailbox/bounces-file.js';
import type { Workspace } from '../workspace/load-workspace.js';

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
  /**
   * Failed in a run the server refused alike (a sender it would not take, a
   * relay refusing everyone): the refusal was the server's, not the address's.
   * `send ISSUE --resend-failed` sends to them.
   */
  refusedAlike: { count: number; reason: string } | undefined;
  /** Reports read by `snippet mailbox` after the server had taken the message (contacts/bounces.csv). */
  bouncedAfterDelivery: Array<{ email: string; kind: string; status: string; reason: string; date: string }>;
  lastActivity: string | undefined;
  /** The network's zone, which the times are shown in (not printed by --json, whose times stay ISO). */
  timeZone: string;
}

/** An issue's two ledgers: its sends to the list and its test sends. */
export interface IssueLedgers {
  list: readonly LedgerEvent[];
  test: readonly LedgerEvent[];
}

/** IO: an issue's ledgers, each empty when that kind of send never ran. */
export async function readIssueLedgers(dir: string, issue: IssueId): Promise<IssueLedgers> {
  // One after the other, so that of two unreadable ledgers the list's is the one reported.
  const list = await readLedger(ledgerPath(dir, issue, 'list'), ledgerLabel(issue, 'list'));
  const test = await readLedger(ledgerPath(dir, issue, 'test'), ledgerLabel(issue, 'test'));
  return { list, test };
}

/** Pure: throws "there is no issue" when the issue has neither a file nor a ledger; said before anything else is read. */
export function requireKnownIssue(workspace: Workspace, issue: IssueId, ledgers: IssueLedgers): void {
  if (ledgers.list.length === 0 && ledgers.test.length === 0 && !workspace.issues.some((i) => i.id === issue)) {
    throw new SnippetError(`there is no issue ${issue}: issues/${issue}.md does not exist and nothing was sent for it`, {
      hint: 'Check the month; `snippet status` without ISSUE shows the latest one sent.',
    });
  }
}

/**
 * Pure: an issue's delivery plan as its ledger stands (`states`; nothing
 * sent when left out), for the lists its file names. `snippet status`, the
 * desk's list of issues and its approval all count the audience here.
 */
export function issuePlan(workspace: Workspace, issue: IssueId, states: ReadonlyMap<string, RecipientState> = new Map()): DeliveryPlan {
  const parsed = workspace.issues.find((i) => i.id === issue)?.issue;
  return planDelivery({ members: workspace.members, suppressions: workspace.suppressions, lists: parsed?.lists, ledger: states, resendInDoubt: false });
}

/**
 * Pure: what the ledgers say of one issue of a loaded workspace, with the
 * reports `snippet mailbox` recorded (`bounces`, all of bounces.csv). Both
 * `snippet status` and the desk's list of issues (which loads the workspace
 * once for every issue) come here, so the two always agree.
 */
export function issueStatus(workspace: Workspace, issue: IssueId, ledgers: IssueLedgers, bounces: readonly BounceRow[]): IssueStatus {
  requireKnownIssue(workspace, issue, ledgers);
  const events = ledgers.list;
  const states = recipientStates(events);
  const plan = issuePlan(workspace, issue, states);
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
    tests: [...recipientStates(ledgers.test)].map(([key, state]) => ({ email: key, state: state.state, at: state.at })),
    lastActivity: events.at(-1)?.at,
    // A person reads the times in the workspace's zone; --json keeps them ISO.
    timeZone: workspace.config?.timeZone ?? 'Europe/London',
    refusedAlike: refusedAlike(events),
    bouncedAfterDelivery: bounces
      .filter((row) => row.issue === issue && (row.kind === 'hard' || row.kind === 'soft'))
      .map((row) => ({ email: email(row.email), kind: row.kind, status: row.status, reason: row.words, date: row.date })),
  };
  for (const [key, state] of states) {
    if (state.state === 'delivered') status.delivered++;
    else if (state.state === 'failed') status.failed.push({ email: email(key), reason: state.reason, bounced: state.bounced, at: state.at });
    else if (state.state === 'deferred') status.deferred.push({ email: email(key), reason: state.reason, at: state.at });
    else status.inDoubt.push({ email: email(key), reason: state.reason, at: state.at });
  }
  return status;
}

/** The failures the safety stop would have held back, with the server's words of the last. */
function refusedAlike(events: readonly LedgerEvent[]): IssueStatus['refusedAlike'] {
  const failures = falseFailures(events);
  return failures.length === 0 ? undefined : { count: failures.length, reason: failures.at(-1)!.reason };
}
