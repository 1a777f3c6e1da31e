import { pickSpotlight, type SpotlightFeature, type SpotlightPick } from './pick-spotlight.js';
import type { Organisation } from './organisation.js';
import { nextMonth } from '../time/month.js';

/**
 * Pure: the next `count` months' spotlights from `from` on, as if each
 * month's issue took the rotation's pick. Stops early when nobody is in the
 * rotation.
 */
export function spotlightQueue(
  organisations: readonly Organisation[],
  history: readonly SpotlightFeature[],
  from: string,
  count: number,
): Array<SpotlightPick & { month: string }> {
  const projected = [...history];
  const queue: Array<SpotlightPick & { month: string }> = [];
  let month = from;
  for (let i = 0; i < count; i += 1) {
    const pick = pickSpotlight(organisations, projected, month);
    if (pick === undefined) break;
    queue.push({ month, ...pick });
    projected.push({ month, organisation: pick.organisation.id });
    month = nextMonth(month);
  }
  return queue;
}
