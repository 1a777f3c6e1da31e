/**
 * Calendar dates (`YYYY-MM-DD`, no time) as people read them. They are
 * formatted at noon UTC so that no time zone can move them to another day.
 */
export function formatDate(isoDate: string, language: string): string {
  const date = calendarDate(isoDate);
  if (date === undefined) return isoDate;
  const text = formatter(language, 'day').format(date);
  // Newer ICU writes "Tuesday, 15 December 2026"; British style (and GOV.UK's)
  // drops the comma after the weekday.
  return text.replace(/^(\p{L}+), /u, '$1 ');
}

/** `YYYY-MM` → "November 2026". */
export function formatMonth(isoMonth: string, language: string): string {
  const date = calendarDate(`${isoMonth}-01`);
  if (date === undefined) return isoMonth;
  return formatter(language, 'month').format(date);
}

// A formatter is costly to make and cheap to reuse: one per language and kind.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: string, kind: 'day' | 'month'): Intl.DateTimeFormat {
  const key = `${language} ${kind}`;
  let cached = formatters.get(key);
  if (!cached) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'day' ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' };
    cached = new Intl.DateTimeFormat(language, options);
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
