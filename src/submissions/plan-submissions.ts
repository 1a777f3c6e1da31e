import { hasErrors, type Problem } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import type { IssueContext } from '../issue/validate-issue.js';
import type { ExistingItem } from './existing-items.js';
import { looseKey } from '../schema/loose-key.js';
import { normaliseLink } from './normalise-link.js';
import type { FormItem, ResponseResult } from './response-to-item.js';
import { validateFormItem } from './validate-form-item.js';

export type DuplicateReason = 'same link' | 'same title and organisation' | 'same response';

export interface Duplicate {
  item: FormItem;
  /** Where the item already is: `issues/2026-12.md:34`, or an earlier row of the same file. */
  of: string;
  reason: DuplicateReason;
}

export interface Rejected {
  row: number;
  problems: Problem[];
}

export interface SubmissionPlan {
  /** In the order of the file. */
  added: FormItem[];
  duplicates: Duplicate[];
  rejected: Rejected[];
  /** Warnings about responses that were added (or were duplicates), by row. */
  warnings: Problem[];
}

/**
 * Pure: which responses become items of the draft. A response is a duplicate
 * when the same link (normalised), the same title from the same organisation,
 * or the same response (same submitter, same time sent) is already in the
 * draft, in another issue, or in an earlier row; duplicates are told first,
 * so that an item published last month is not reported as "deadline passed".
 * The rest are checked as items typed into the issue would be; a response
 * with an error is rejected.
 */
export function planSubmissions(
  responses: readonly ResponseResult[],
  existing: readonly ExistingItem[],
  target: { id: IssueId; context: IssueContext },
  /** The export as the coordinator named it, for `FILE:row N`. */
  source: string,
): SubmissionPlan {
  const plan: SubmissionPlan = { added: [], duplicates: [], rejected: [], warnings: [] };
  const seen = new Map<string, { of: string; reason: DuplicateReason }>();
  const remember = (item: Omit<ExistingItem, 'where'>, of: string): void => {
    for (const [key, reason] of keysOf(item)) if (!seen.has(key)) seen.set(key, { of, reason });
  };
  for (const item of existing) remember(item, item.where);

  for (const response of responses) {
    const { item } = response;
    if (item === undefined) {
      plan.rejected.push({ row: response.row, problems: response.problems });
      continue;
    }
    const candidate = asExisting(item);
    const duplicate = keysOf(candidate)
      .map(([key]) => seen.get(key))
      .find((found) => found !== undefined);
    if (duplicate) {
      plan.duplicates.push({ item, ...duplicate });
      continue;
    }
    const where = `${source}:row ${response.row}`;
    // Every problem at once, but an answer that could not be read (a date that is no date) is not also "missing".
    const unread = new Set(response.problems.map((p) => p.message.split(':')[0]));
    const checked = validateFormItem(item, where, target.id, target.context).filter((p) => !unread.has(p.message.split(':')[0]));
    const problems = [...response.problems, ...checked];
    if (hasErrors(problems)) {
      plan.rejected.push({ row: response.row, problems });
      continue;
    }
    plan.added.push(item);
    plan.warnings.push(...problems);
    remember(candidate, `row ${response.row}`);
  }
  return plan;
}

function asExisting(item: FormItem): Omit<ExistingItem, 'where'> {
  const { title, url, organisation, submitted_by: by } = item.fields;
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  return {
    title: text(title) ?? '',
    ...(text(url) !== undefined ? { url: text(url)! } : {}),
    ...(text(organisation) !== undefined ? { organisation: text(organisation)! } : {}),
    ...(typeof by === 'object' ? { submittedBy: by } : {}),
  };
}

/** The ways an item can be the same as another, strongest first. */
function keysOf(item: Omit<ExistingItem, 'where'>): Array<[string, DuplicateReason]> {
  const keys: Array<[string, DuplicateReason]> = [];
  const by = item.submittedBy;
  // The form tool's number for the response tells responses apart; else its time and who sent it, unless anonymous.
  const who = [by?.email?.trim().toLowerCase() ?? '', by?.name ? looseKey(by.name) : ''].find((name) => name !== '' && name !== 'anonymous') ?? '';
  if (by?.response) keys.push([`response number ${by.response.trim()}`, 'same response']);
  else if (by?.submitted && who) keys.push([`response ${by.submitted.trim()} ${who}`, 'same response']);
  if (item.url) keys.push([`link ${normaliseLink(item.url)}`, 'same link']);
  const title = looseKey(item.title);
  // Credited or not, the organisation the submitter named is the organisation.
  const organisation = item.organisation ?? looseKey(item.submittedBy?.organisation ?? '');
  if (title) keys.push([`title ${title} from ${organisation}`, 'same title and organisation']);
  return keys;
}
