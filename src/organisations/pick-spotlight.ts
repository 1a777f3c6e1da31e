import type { Organisation } from './organisation.js';

/** One issue's spotlight, as read from the issue files: the history of the rotation. */
export interface SpotlightFeature {
  /** The issue, `YYYY-MM`. */
  month: string;
  /** An organisation id; it may name an organisation since removed from the file. */
  organisation: string;
}

export interface SpotlightPick {
  organisation: Organisation;
  /** The month it was last featured; undefined when it never was. */
  lastFeatured: string | undefined;
}

/**
 * Pure and deterministic: who is in the spotlight in `month`. Organisations
 * never featured come first, in file order (one added to the file later simply
 * joins them); after that, the one featured least recently. So every
 * organisation is featured once before any is featured twice, and a manual
 * choice in an issue counts like any other feature. Only features before
 * `month` count; `spotlight: false` organisations and ids no longer in the file
 * are passed over. Undefined when no organisation is in the rotation.
 */
export function pickSpotlight(organisations: readonly Organisation[], history: readonly SpotlightFeature[], month: string): SpotlightPick | undefined {
  const last = lastFeatured(history, month);
  let best: SpotlightPick | undefined;
  for (const organisation of organisations) {
    if (!organisation.spotlight) continue;
    const featured = last.get(organisation.id);
    if (featured === undefined) return { organisation, lastFeatured: undefined };
    // Strictly earlier: on a tie, file order decides.
    if (best === undefined || featured < best.lastFeatured!) best = { organisation, lastFeatured: featured };
  }
  return best;
}

/** Organisation id → the latest month before `month` in which it was featured. */
export function lastFeatured(history: readonly SpotlightFeature[], month: string): Map<string, string> {
  const last = new Map<string, string>();
  for (const feature of history) {
    if (feature.month >= month) continue;
    const seen = last.get(feature.organisation);
    if (seen === undefined || feature.month > seen) last.set(feature.organisation, feature.month);
  }
  return last;
}
