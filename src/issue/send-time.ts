import { parseDateTime, zonedToInstant } from '../time/zoned-time.js';
import type { Issue, IssueId } from './issue.js';

/** When an issue without `send_at` is assumed to go out: the 1st of its month, 09:00 local. */
export function defaultSendAt(id: IssueId, timeZone: string): Date {
  const [year, month] = id.split('-').map(Number) as [number, number];
  return zonedToInstant({ year, month, day: 1, hour: 9, minute: 0, second: 0 }, timeZone);
}

/** The instant an issue is (or would be) sent, in the workspace's time zone. */
export function issueSendAt(issue: Issue, timeZone: string): Date {
  return (issue.sendAtText !== undefined ? parseDateTime(issue.sendAtText, timeZone) : undefined) ?? defaultSendAt(issue.id, timeZone);
}
