import { join } from 'node:path';
import type { IssueId } from '../issue/issue.js';
import { isIssueId } from '../issue/issue-id.js';
import type { SendMode } from './ledger-event.js';

/** The delivery state folder, git-ignored: ledgers and the send lock. */
export const STATE_DIR = '.snippet';

export function ledgerDir(workspace: string): string {
  return join(workspace, STATE_DIR, 'ledger');
}

export function ledgerPath(workspace: string, issue: IssueId, mode: SendMode): string {
  return join(ledgerDir(workspace), mode === 'test' ? `${issue}.test.jsonl` : `${issue}.jsonl`);
}

/** Pure: the issue and mode whose ledger a file in the ledger folder is (ledgerPath's names); undefined for any other file, such as the delivery reports'. */
export function ledgerOfFile(name: string): { issue: IssueId; mode: SendMode } | undefined {
  const match = /^(.+?)(\.test)?\.jsonl$/u.exec(name);
  return match && isIssueId(match[1]!) ? { issue: match[1]!, mode: match[2] ? 'test' : 'list' } : undefined;
}

/** How a ledger is named in messages: workspace-relative. */
export function ledgerLabel(issue: IssueId, mode: SendMode): string {
  return `${STATE_DIR}/ledger/${mode === 'test' ? `${issue}.test.jsonl` : `${issue}.jsonl`}`;
}

export function lockPath(workspace: string): string {
  return join(workspace, STATE_DIR, 'send.lock');
}

/** Delivery reports to the coordinator: a ledger of their own, which the rate history counts too. */
export function reportLedgerPath(workspace: string): string {
  return join(ledgerDir(workspace), 'delivery-reports.jsonl');
}

export const REPORT_LEDGER_LABEL = `${STATE_DIR}/ledger/delivery-reports.jsonl`;

/** Held while the contacts files are changed (import, unsubscribe, resubscribe, the unsubscribe server). */
export function contactsLockPath(workspace: string): string {
  return join(workspace, STATE_DIR, 'contacts.lock');
}
