import type { Problem } from '../errors.js';
import type { Organisation } from './organisation.js';

/** A directory profile older than a year is a warning: services, areas and referral routes change. */
export const REVIEW_MONTHS = 12;

/**
 * Pure: a warning for each organisation in the website's directory whose
 * `reviewed:` date is more than 12 months before `today` (`YYYY-MM-DD`), at
 * the line of that date. A health visitor acts on what the directory says.
 */
export function checkReviewed(
  organisations: readonly Organisation[],
  lineOfField: (id: string, field: string) => number | undefined,
  today: string,
  file: string,
): Problem[] {
  const cutoff = aYearBefore(today);
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

/** The same day a year earlier (29 February → 28 February). */
function aYearBefore(isoDate: string): string {
  const [year, rest] = [Number(isoDate.slice(0, 4)) - 1, isoDate.slice(4)];
  return `${year}${rest === '-02-29' ? '-02-28' : rest}`;
}
