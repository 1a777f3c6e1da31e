import type { Meeting } from '../config/config.js';
import { parseDateTime, zonedDate } from '../time/zoned-time.js';

/** An issue announces a meeting at most this many months ahead. */
export const MEETING_NOTICE_MONTHS = 2;

/**
 * Pure: the first meeting after `sendAt` if it is at most two months after
 * the send date; earlier issues would only announce it too soon. A meeting
 * without a time counts from the start of its day.
 */
export function nextMeeting(meetings: readonly Meeting[], sendAt: Date, timeZone: string): Meeting | undefined {
  const sendDay = zonedDate(sendAt, timeZone);
  const horizon = addMonths(sendDay, MEETING_NOTICE_MONTHS);
  const upcoming = meetings
    .filter((meeting) => {
      const starts = parseDateTime(`${meeting.date}T${meeting.time ?? '00:00'}`, timeZone);
      return starts !== undefined && starts.getTime() > sendAt.getTime();
    })
    .sort((a, b) => a.date.localeCompare(b.date) || (a.time ?? '').localeCompare(b.time ?? ''))[0];
  return upcoming !== undefined && upcoming.date <= horizon ? upcoming : undefined;
}

/** `YYYY-MM-DD` plus whole months, kept within the target month (31 January + 1 month → 28 February). */
function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const index = year * 12 + month - 1 + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${targetYear}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}
