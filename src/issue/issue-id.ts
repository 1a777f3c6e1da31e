import type { IssueId } from './issue.js';

const ISSUE_ID = /^(\d{4})-(0[1-9]|1[0-2])$/u;

export function isIssueId(text: string): text is IssueId {
  return ISSUE_ID.test(text);
}

export function issueFile(id: IssueId): string {
  return `issues/${id}.md`;
}

/** The issue id of a file name such as `2026-12.md`, or undefined. */
export function issueIdOfFile(name: string): IssueId | undefined {
  const match = /^(\d{4}-\d{2})\.md$/u.exec(name);
  return match && isIssueId(match[1]!) ? match[1] : undefined;
}

export function nextIssueId(id: IssueId): IssueId {
  const [year, month] = id.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}


/** Whole months from `from` to `to`; negative when `to` is earlier. */
export function monthsBetween(from: IssueId, to: IssueId): number {
  return monthIndex(to) - monthIndex(from);
}

function monthIndex(id: IssueId): number {
  const [year, month] = id.split('-').map(Number) as [number, number];
  return year * 12 + month - 1;
}
