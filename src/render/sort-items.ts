import type { FundingItem, ResearchItem, TrainingItem } from '../issue/issue.js';

// ISO dates compare correctly as strings. Items without a date go last, and
// ties keep the order the coordinator wrote.

/** Training: soonest course first, then the earliest booking deadline. */
export function sortTraining(items: readonly TrainingItem[]): TrainingItem[] {
  return [...items].sort((a, b) => ascending(a.date, b.date) || ascending(a.deadline, b.deadline));
}

/** Funding: the call that closes first, first. */
export function sortFunding(items: readonly FundingItem[]): FundingItem[] {
  return [...items].sort((a, b) => ascending(a.deadline, b.deadline));
}

/** Research: newest first. */
export function sortResearch(items: readonly ResearchItem[]): ResearchItem[] {
  return [...items].sort((a, b) => ascending(b.published, a.published, -1));
}

function ascending(a: string | undefined, b: string | undefined, missing = 1): number {
  if (a === b) return 0;
  if (a === undefined) return missing;
  if (b === undefined) return -missing;
  return a < b ? -1 : 1;
}
