import type { Month } from '../time/month.js';
import type { SpotlightFeature } from './pick-spotlight.js';

/**
 * The rotation's history is the issue files themselves: each issue's
 * `spotlight`, oldest first. There is no state file to drift out of step with
 * them, and an issue naming an organisation since removed still counts.
 */
export function spotlightHistory(issues: ReadonlyArray<{ id: Month; issue: { spotlight?: string | undefined } | undefined }>): SpotlightFeature[] {
  return issues.flatMap(({ id, issue }) => (issue?.spotlight === undefined ? [] : [{ month: id, organisation: issue.spotlight }]));
}
