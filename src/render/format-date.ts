/**
 * Calendar dates (`YYYY-MM-DD`, no time) as people read them. They are
 * formatted at noon UTC so that no time zone can move them to another day.
 */
export function formatDate(isoDate: string, language: string, style: DateStyle = 'full'): string {
  const date = calendarDate(isoDate);
  if (date === undefined) return isoDate;
  const text = formatter(language, style).format(date);
  // Newer ICU writes "Tuesday, 15 December 2026"; British style (and GOV.UK's)
  // drops the comma after the weekday.
  return text.replace(/^(\p{L}+), /u, '$1 ');
}

/**
 * "Tuesday 15 December 2026" in full; "Tuesday 15 December" where the year
 * goes without saying (the weeks after sending); "15 December 2026" where the
 * weekday says nothing (when a paper was published); "Tue 15 Dec 2026" and
 * "15 Dec 2026" in a line of facts, where a date is one of several.
 */
export type DateStyle = 'full' | 'no-year' | 'no-weekday' | 'short' | 'short-no-weekday';

/** `YYYY-MM` → "November 2026". */
export function formatMonth(isoMonth: string, language: string): string {
  const date = calendarDate(`${isoMonth}-01`);
  if (date === undefined) return isoMonth;
  return formatter(language, 'month').format(date);
}

// A formatter is costly to make and cheap to reuse: one per language and kind.
const formatters = new Map<string, Intl.DateTimeFormat>();
const FORMATS: Record<DateStyle | 'month', Intl.DateTimeFormatOptions> = {
  full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
  'no-year': { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' },
  'no-weekday': { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
  short: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
  'short-no-weekday': { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
  month: { month: 'long', year: 'numeric', timeZone: 'UTC' },
};
function formatter(language: string, kind: keyof typeof FORMATS): Intl.DateTimeFormat {
  const key = `${language} ${kind}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(language, FORMATS[kind]);
    formatters.set(key, cached);
  }
  return cached;
}

/** Whole days from `from` to `to`, both `YYYY-MM-DD`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number | undefined {
  const a = calendarDate(from);
  const b = calendarDate(to);
  if (a === undefined || b === undefined) return undefined;
  return Math.round((b.getTime() - a.getTime()) / 86_400_000);
}

function calendarDate(isoDate: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(isoDate);
  if (!match) return undefined;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
}

const NBSP = '\u00a0';

/**
 * A date that never breaks across lines ("Friday 26 February 2027"): its
 * spaces are no-break spaces. The plain-text wrapper keeps such a run whole
 * and turns the no-break spaces back into ordinary ones.
 */
export function unbreakable(text: string): string {
  return text.replace(/ /gu, NBSP);
}

/** `YYYY-MM-DD` plus whole days. */
export function addDays(isoDate: string, days: number): string {
  const date = calendarDate(isoDate);
  if (date === undefined) return isoDate;
  return new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` plus whole months, kept within the target month (31 January + 1 month → 28 February). */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const index = year * 12 + month - 1 + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${targetYear}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}
