/**
 * The day of the month (1–7) of the first Monday to Friday that is not a
 * Scottish bank holiday. Only the holidays that can fall on the first days of
 * a month matter here, so the table is short:
 *
 * - 1 and 2 January; when either falls on a weekend, the holiday moves to
 *   the next weekday that is not already a holiday (so 1 January 2022, a
 *   Saturday, made Monday 3 and Tuesday 4 January holidays);
 * - the first Monday of May (early May bank holiday);
 * - the first Monday of August (the Scottish summer bank holiday);
 * - St Andrew's Day, 30 November: on a weekend, the holiday is the Monday
 *   after, which is 1 or 2 December.
 *
 * Good Friday is left out: it is the first working day of April only when
 * Easter Sunday is 3 April (next in 2067). One-off holidays (a coronation, a
 * moved May holiday) are not known; the coordinator edits send_at for those.
 */
export function firstWorkingDay(year: number, month: number): number {
  const holidays = earlyHolidays(year, month);
  for (let day = 1; ; day += 1) {
    if (isWeekday(year, month, day) && !holidays.has(day)) return day;
  }
}

function earlyHolidays(year: number, month: number): Set<number> {
  switch (month) {
    case 1:
      return withSubstitutes(year, month, [1, 2]);
    case 5:
    case 8:
      return new Set([firstMonday(year, month)]);
    case 12: {
      const standrews = weekday(year, 11, 30);
      // Saturday 30 November → Monday 2 December; Sunday → Monday 1 December.
      return standrews === 6 ? new Set([2]) : standrews === 0 ? new Set([1]) : new Set();
    }
    default:
      return new Set();
  }
}

/** Each holiday on its day, or on a weekend moved to the next free weekday, in order. */
function withSubstitutes(year: number, month: number, days: readonly number[]): Set<number> {
  const taken = new Set<number>();
  for (const holiday of days) {
    let day = holiday;
    while (!isWeekday(year, month, day) || taken.has(day)) day += 1;
    taken.add(day);
  }
  return taken;
}

function firstMonday(year: number, month: number): number {
  return 1 + ((8 - weekday(year, month, 1)) % 7);
}

function isWeekday(year: number, month: number, day: number): boolean {
  const value = weekday(year, month, day);
  return value !== 0 && value !== 6;
}

/** 0 Sunday … 6 Saturday. */
function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
