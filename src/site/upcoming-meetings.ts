import type { Meeting } from '../config/config.js';
import { zonedDate } from '../time/zoned-time.js';

/** Meetings on or after today (in the workspace's zone), soonest first. */
export function upcomingMeetings(meetings: readonly Meeting[], now: Date, timeZone: string): Meeting[] {
  const today = zonedDate(now, timeZone);
  return meetings.filter((meeting) => meeting.date >= today).sort((a, b) => a.date.localeCompare(b.date) || (a.time ?? '').localeCompare(b.time ?? ''));
}
