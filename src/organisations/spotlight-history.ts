import type { Month } from '../time/month.js';
import type { SpotlightFeature } from './pick-spotlight.js';

/** The id `snippet init` writes for the coordinator to replace (`fill-in-organisation-id`): no organisation was featured. */
const PLACEHOLDER_ID = /^fill-in-/u;

/**
 * The rotation's history is the issue files themselves: each issue's
 * `spotlight`, oldest first. There is no state file to drift out of step with
 * them, and an issue naming an organisation since removed still counts. A
 * placeholder left from `snippet init` does not: it featured no one.
 */
export function spotlightHistory(issues: ReadonlyArray<{ id: Month; issue: { spotlight?: string | undefined } | undefined }>): SpotlightFeature[] {
  return issues.flatMap(({ id, issue }) =>
    issue?.spotlight === undefined || PLACEHOLDER_ID.test(issue.spotlight) ? [] : [{ month: id, organisation: issue.spotlight }],
  );
}
