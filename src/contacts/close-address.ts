import { editDistance } from '../schema/closest-word.js';

/**
 * Pure: the listed address a mistyped one most likely meant (`gordon.bard@…`
 * for `gordon.baird@…`): at most two edits away, the nearest first. Undefined
 * when none is that close, or when `key` is itself listed.
 */
export function closeAddress(key: string, listed: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of listed) {
    if (candidate === key) return undefined;
    // Lengths differing by more than the bound cannot be close: skip the full comparison.
    if (Math.abs(candidate.length - key.length) >= bestDistance) continue;
    const distance = editDistance(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
