import type { CellResult, FormCell } from './form-table.js';
import { shownValue } from '../schema/shown-value.js';

export interface FormTime {
  /** `HH:MM`. */
  time: string;
  /** `HH:MM`, when the answer gave a range such as 10:00-12:30. */
  endTime?: string;
}

const HINT = 'Times are read as 09:30, 9.30am or a range such as 10:00-12:30.';
const CLOCK = /^(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?\s*([ap])?\.?m?\.?$/iu;

/** Pure: a time answer (an Excel time cell, `09:30`, `9.30am`, `10:00-12:30`) as `HH:MM`, and an end time when it is a range. */
export function parseFormTime(cell: FormCell): CellResult<FormTime> {
  if (cell.date) return { value: { time: clock(cell.date.getUTCHours(), cell.date.getUTCMinutes()) } };
  if (cell.number !== undefined && cell.number >= 0 && cell.number < 1) {
    const minutes = Math.round(cell.number * 24 * 60);
    return { value: { time: clock(Math.floor(minutes / 60) % 24, minutes % 60) } };
  }
  const text = cell.text.trim();
  const parts = text.split(/\s*(?:-|–|—|\bto\b|\buntil\b)\s*/iu);
  const end = parts.length === 2 ? readClock(parts[1]!) : undefined;
  // "2-4pm": a bare start hour is clear once the end has its am or pm.
  const start = parts[0] === undefined ? undefined : readClock(parts[0], end?.meridiem !== undefined);
  if (!start || parts.length > 2 || (parts.length === 2 && !end)) return { error: `"${shownValue(text)}" is not a time of day`, hint: HINT };
  if (!end) return { value: { time: clock(start.hour, start.minute) } };
  // The start takes the end's afternoon when it has none of its own.
  let startHour = start.hour;
  if (!start.meridiem && end.meridiem === 'p' && startHour < 12 && startHour + 12 <= end.hour) startHour += 12;
  return { value: { time: clock(startHour, start.minute), endTime: clock(end.hour, end.minute) } };
}

function readClock(text: string, bare = false): { hour: number; minute: number; meridiem?: 'a' | 'p' } | undefined {
  const match = CLOCK.exec(text.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.toLowerCase() as 'a' | 'p' | undefined;
  // A bare number ("10") could be anything; minutes or am/pm make it a time.
  if (match[2] === undefined && meridiem === undefined && !bare) return undefined;
  if (minute > 59) return undefined;
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  } else if (hour > 23) {
    return undefined;
  }
  return { hour, minute, ...(meridiem ? { meridiem } : {}) };
}

function clock(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
