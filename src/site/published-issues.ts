import type { Schedule } from '../config/config.js';
import type { Issue } from '../issue/issue.js';
import { issueSendAt } from '../issue/send-time.js';

export interface PublishedIssue {
  issue: Issue;
  sendAt: Date;
}

/** Why an issue is not on the website, for the summary. */
export type LeftOut = 'draft' | 'not yet sent' | 'archive: false';

/**
 * Pure: the issues the website shows, newest first: approved, their send
 * time passed at `now`, and not kept off with `archive: false`.
 */
export function publishedIssues(
  issues: readonly Issue[],
  now: Date,
  timeZone: string,
  schedule: Schedule,
): { published: PublishedIssue[]; leftOut: Array<{ issue: Issue; reason: LeftOut }> } {
  const published: PublishedIssue[] = [];
  const leftOut: Array<{ issue: Issue; reason: LeftOut }> = [];
  for (const issue of issues) {
    const sendAt = issueSendAt(issue, timeZone, schedule);
    if (issue.status !== 'approved') leftOut.push({ issue, reason: 'draft' });
    else if (sendAt.getTime() > now.getTime()) leftOut.push({ issue, reason: 'not yet sent' });
    else if (!issue.archive) leftOut.push({ issue, reason: 'archive: false' });
    else published.push({ issue, sendAt });
  }
  published.sort((a, b) => b.issue.id.localeCompare(a.issue.id));
  return { published, leftOut };
}
