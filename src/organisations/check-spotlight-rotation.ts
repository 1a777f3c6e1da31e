import type { Problem } from '../errors.js';
import type { Organisation } from './organisation.js';
import { lastFeatured, pickSpotlight, type SpotlightFeature } from './pick-spotlight.js';
import type { YamlPath } from '../schema/located-yaml.js';
import { monthsBetween, type Month } from '../time/month.js';

/** What the rotation check reads of an issue. */
export interface FeaturingIssue {
  id: Month;
  file: string;
  spotlight?: string | undefined;
}

export interface RotationContext {
  organisations: readonly Organisation[];
  /** Every issue's spotlight; only those before the issue's month count. */
  history: readonly SpotlightFeature[];
  /** Config `spotlight.repeat_months`. */
  repeatMonths: number;
}

/**
 * Pure: the rotation's warnings for one issue. A manual choice is respected,
 * so nothing here is an error; an unknown id is validateIssue's error.
 */
export function checkSpotlightRotation(issue: FeaturingIssue, lineOf: (path: YamlPath) => number | undefined, context: RotationContext): Problem[] {
  const id = issue.spotlight;
  const organisation = context.organisations.find((o) => o.id === id);
  if (id === undefined || organisation === undefined) return [];
  const warn = (message: string, hint: string): Problem[] => [{ severity: 'warning', file: issue.file, line: lineOf(['spotlight']), message, hint }];

  if (!organisation.spotlight) {
    return warn(
      `spotlight: ${organisation.name} has left the rotation (spotlight: false in contacts/organisations.yaml)`,
      'Featuring it is allowed; check that it is meant.',
    );
  }
  const last = lastFeatured(context.history, issue.id).get(id);
  if (last === undefined || monthsBetween(last, issue.id) >= context.repeatMonths) return [];
  const waiting = pickSpotlight(context.organisations, context.history, issue.id);
  if (waiting === undefined || waiting.organisation.id === id) return [];
  const since = waiting.lastFeatured === undefined ? 'has never been featured' : `was last featured in ${waiting.lastFeatured}`;
  return warn(
    `spotlight: ${organisation.name} was featured in ${last}, within ${context.repeatMonths} months, while others wait`,
    `Next in the rotation is ${waiting.organisation.name} ("${waiting.organisation.id}"), which ${since}. \`snippet spotlight\` shows the queue.`,
  );
}
