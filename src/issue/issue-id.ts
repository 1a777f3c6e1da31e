import type { IssueId } from './issue.js';

const ISSUE_ID = /^(\d{4})-(0[1-9]|1[0-2])$/u;

export function isIssueId(text: string): boolean {
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

// Issues are months: the month arithmetic is time's, shared with the spotlight rotation.
export { nextMonth as nextIssueId, monthsBetween } from '../time/month.js';
