import { addressKey } from '../contacts/member.js';
import type { BounceRow } from './bounces-file.js';

/**
 * What bounces.csv says, kept so that a report is planned without going
 * through every row: a big mailbox adds a row a report, and a scan of all
 * rows for each made its run grow with the square of its size.
 */
export interface BounceIndex {
  /** The report Message-ID and the address key of every row: a report is acted on once per address. */
  readonly acted: Set<string>;
  /** For each address key, the issues a soft or hard bounce was recorded for. */
  readonly bouncedIssues: Map<string, Set<string>>;
}

/** Pure: the index of `rows`. */
export function bounceIndex(rows: readonly BounceRow[]): BounceIndex {
  const index: BounceIndex = { acted: new Set(), bouncedIssues: new Map() };
  addBounceRows(index, rows);
  return index;
}

/** Pure: a copy of `index` to add to, leaving `index` as it is. */
export function copyBounceIndex(index: BounceIndex): BounceIndex {
  return { acted: new Set(index.acted), bouncedIssues: new Map([...index.bouncedIssues].map(([key, issues]) => [key, new Set(issues)])) };
}

/** Adds rows written (or planned) since the index was made. */
export function addBounceRows(index: BounceIndex, rows: readonly BounceRow[]): void {
  for (const row of rows) {
    const key = addressKey(row.email);
    index.acted.add(actedKey(row.reportMessageId, key));
    if (row.kind !== 'soft' && row.kind !== 'hard') continue;
    const issues = index.bouncedIssues.get(key);
    if (issues) issues.add(row.issue);
    else index.bouncedIssues.set(key, new Set([row.issue]));
  }
}

/** Whether a row for this report and address key is in the index. */
export function wasActedOn(index: BounceIndex, reportId: string, key: string): boolean {
  return index.acted.has(actedKey(reportId, key));
}

function actedKey(reportId: string, key: string): string {
  return `${reportId}\n${key}`;
}
