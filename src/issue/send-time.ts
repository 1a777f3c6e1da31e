import type { Schedule } from '../config/config.js';
import { parseDateTime, zonedToInstant } from '../time/zoned-time.js';
import type { Issue, IssueId } from './issue.js';
import { scheduledSendAt } from './scheduled-send-at.js';

/** When an issue without `send_at` is assumed to go out when no schedule is known: the 1st of its month, 09:00 local. */
export function defaultSendAt(id: IssueId, timeZone: string): Date {
  const [year, month] = id.split('-').map(Number) as [number, number];
  return zonedToInstant({ year, month, day: 1, hour: 9, minute: 0, second: 0 }, timeZone);
}

/**
 * The instant an issue is (or would be) sent, in the workspace's time zone:
 * its `send_at`, or else the configured schedule's time for its month, the
 * same time `snippet new` would have written (so check, build and
 * `send --due` agree).
 */
export function issueSendAt(issue: Issue, timeZone: string, schedule?: Schedule): Date {
  const written = issue.sendAtText !== undefined ? parseDateTime(issue.sendAtText, timeZone) : undefined;
  if (written) return written;
  return schedule ? scheduledSendAt(issue.id, schedule, timeZone).instant : defaultSendAt(issue.id, timeZone);
}
