import type { IssueId } from '../issue/issue.js';
import { issueFile, nextIssueId } from '../issue/issue-id.js';
import { instantToZoned, pad } from '../time/zoned-time.js';
import type { Workspace } from './load-workspace.js';
import type { Output } from '../output.js';

/** The month `snippet new` starts by default: the one after the latest issue, or next month when there is none. */
export function monthAfterLatest(issues: Workspace['issues'], now: Date, timeZone: string): IssueId {
  const latest = issues.at(-1)?.id;
  if (latest !== undefined) return nextIssueId(latest);
  const today = instantToZoned(now, timeZone);
  return nextIssueId(`${today.year}-${pad(today.month)}`);
}

/** An issue file with errors has no readable spotlight; say so rather than skew the rotation silently. */
export function warnUncountedSpotlights(issues: Workspace['issues'], out: Output): void {
  for (const broken of issues.filter((issue) => issue.issue === undefined)) {
    out.warn(`warning: ${issueFile(broken.id)} has errors, so its spotlight is not counted in the rotation (\`snippet check ${broken.id}\` lists them).`);
  }
}
