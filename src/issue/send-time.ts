import type { Schedule } from '../config/config.js';
import { parseDateTime } from '../time/zoned-time.js';
import type { Issue } from './issue.js';
import { scheduledSendAt } from './scheduled-send-at.js';

/**
 * The instant an issue is (or would be) sent, in the workspace's time zone:
 * its `send_at`, or else the configured schedule's time for its month, the
 * same time `snippet new` would have written (so check, build and
 * `send --due` agree).
 */
export function issueSendAt(issue: Issue, timeZone: string, schedule: Schedule): Date {
  const written = issue.sendAtText !== undefined ? parseDateTime(issue.sendAtText, timeZone) : undefined;
  if (written) return written;
  return scheduledSendAt(issue.id, schedule, timeZone).instant;
}
