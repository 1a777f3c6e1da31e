import type { Problem } from '../errors.js';
import type { Organisation } from './organisation.js';

/** A directory profile older than this is a warning: services, areas and referral routes change. */
export const REVIEW_MONTHS = 12;

/**
 * Pure: a warning for each organisation in the website's directory whose
 * `reviewed:` date is more than 12 months before `today` (`YYYY-MM-DD`), at
 * the line of that date. A health visitor acts on what the directory says.
 */
export function checkReviewed(organisations: readonly Organisation[], lineOfField: (id: string, field: string) => number | undefined, today: string, file: string): Problem[] {
  const cutoff = monthsBefore(today, REVIEW_MONTHS);
  return organisations
    .filter((organisation) => organisation.directory !== false && organisation.reviewed !== undefined && organisation.reviewed < cutoff)
    .map((organisation) => {
      const line = lineOfField(organisation.id, 'reviewed');
      return {
        severity: 'warning' as const,
        file,
        ...(line === undefined ? {} : { line }),
        message: `the directory profile of ${organisation.name} was last checked on ${organisation.reviewed}, more than ${REVIEW_MONTHS} months ago`,
        hint: `Ask ${organisation.name} to check its description, areas, services, referral and contact, then set reviewed: to that day's date.`,
      };
    });
}

/** `YYYY-MM-DD` minus whole months, kept within the month (29 February − 12 months → 28 February). */
function monthsBefore(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return `${targetYear}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}
