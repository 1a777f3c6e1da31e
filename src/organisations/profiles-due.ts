import type { Period } from '../config/config.js';
import { dateBefore } from '../time/period-text.js';
import type { Organisation } from './organisation.js';

export interface ProfilesDue {
  /** Listed profiles without a `reviewed:` date. */
  never: Organisation[];
  /** Listed profiles last checked before `cutoff`. */
  stale: Organisation[];
  /** `YYYY-MM-DD`: a profile checked before this day is due. */
  cutoff: string;
}

/** A directory profile older than a year is due: services, areas and referral routes change. */
export const REVIEW_PERIOD: Period = { count: 12, unit: 'month' };

/** Pure: the directory's profiles due for checking with their organisations on `today` (`YYYY-MM-DD`), in file order. */
export function profilesDue(organisations: readonly Organisation[], today: string, olderThan: Period = REVIEW_PERIOD): ProfilesDue {
  const cutoff = dateBefore(today, olderThan);
  const listed = organisations.filter((organisation) => organisation.directory !== false);
  return {
    never: listed.filter((organisation) => organisation.reviewed === undefined),
    stale: listed.filter((organisation) => organisation.reviewed !== undefined && organisation.reviewed < cutoff),
    cutoff,
  };
}
