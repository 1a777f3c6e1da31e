import type { Meeting, Period } from '../config/config.js';
import { parseDateTime, zonedDate } from '../time/zoned-time.js';
import { addDays, addMonths } from './format-date.js';

/** `meetings.show_within` when the config does not say. */
export const DEFAULT_MEETING_NOTICE: Period = { count: 4, unit: 'month' };

/**
 * Pure: the first meeting after `sendAt` if it is at most `within` after the
 * send date (`meetings.show_within`); earlier issues would only announce it
 * too soon. A meeting without a time counts from the start of its day.
 */
export function nextMeeting(meetings: readonly Meeting[], sendAt: Date, timeZone: string, within: Period = DEFAULT_MEETING_NOTICE): Meeting | undefined {
  const sendDay = zonedDate(sendAt, timeZone);
  const horizon = within.unit === 'month' ? addMonths(sendDay, within.count) : addDays(sendDay, within.count);
  const upcoming = meetings
    .filter((meeting) => {
      const starts = parseDateTime(`${meeting.date}T${meeting.time ?? '00:00'}`, timeZone);
      return starts !== undefined && starts.getTime() > sendAt.getTime();
    })
    .sort((a, b) => a.date.localeCompare(b.date) || (a.time ?? '').localeCompare(b.time ?? ''))[0];
  return upcoming !== undefined && upcoming.date <= horizon ? upcoming : undefined;
}
