import { hasErrors } from '../errors.js';
import { ITEM_SECTIONS, type IssueId } from '../issue/issue.js';
import type { SubmissionPlan } from '../submissions/plan-submissions.js';
import type { FormItem } from '../submissions/response-to-item.js';
import type { Output } from '../output.js';
import { shownValue } from '../schema/shown-value.js';

/**
 * What the coordinator acts on: each response's fate by row, the problems of
 * the rejected ones, the totals per section, and what to do next.
 */
export function reportSubmissions(plan: SubmissionPlan, where: { file: string; source: string; issue: IssueId; dryRun: boolean }, out: Output): void {
  const prefix = where.dryRun ? '[Dry run] ' : '';
  for (const item of plan.added) out.info(`  ${where.dryRun ? 'would add' : 'added'}  row ${item.row}  ${item.section}: ${describe(item)}`);
  for (const duplicate of plan.duplicates) {
    out.info(
      `  duplicate  row ${duplicate.item.row}  ${duplicate.item.section}: ${describe(duplicate.item)}: already at ${duplicate.of} (${duplicate.reason})`,
    );
  }
  for (const rejected of plan.rejected) {
    const first = rejected.problems.find((p) => p.severity === 'error');
    out.info(`  rejected   row ${rejected.row}${first ? `  ${first.message}` : ''}`);
  }
  out.problems(
    [...plan.rejected.flatMap((r) => r.problems), ...plan.warnings].sort(
      (a, b) => rowOf(a.file) - rowOf(b.file) || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
    ),
  );

  const added = `${plan.added.length} ${where.dryRun ? 'would be added' : 'added'}${perSection(plan.added)}`;
  const duplicates = `${plan.duplicates.length} duplicate${plan.duplicates.length === 1 ? '' : 's'} skipped${perSection(plan.duplicates.map((d) => d.item))}`;
  const rows = plan.rejected.map((r) => r.row);
  const rejected = `${rows.length} rejected${rows.length > 0 ? ` (row${rows.length === 1 ? '' : 's'} ${rows.join(', ')})` : ''}`;
  out.info(`${prefix}${where.file} from ${where.source}: ${added}, ${duplicates}, ${rejected}.`);

  if (where.dryRun) out.info('[Dry run] Nothing written.');
  else if (plan.added.length === 0) out.info(`Nothing to add; ${where.file} is unchanged.`);
  if (plan.added.length > 0) {
    out.info(
      `Next: \`snippet check ${where.issue}\`, then \`snippet preview ${where.issue}\` to read the new items as members will${where.dryRun ? ' (after importing without --dry-run)' : ''}.`,
    );
  }
  if (hasErrors(plan.rejected.flatMap((r) => r.problems))) {
    out.info(
      "Rejected responses were not added: correct them in the form's results and import again (the rest are skipped as duplicates), or add them by hand.",
    );
  }
}

/** ` (research 1, news 2)`, or nothing when there are none. */
function perSection(items: readonly FormItem[]): string {
  const counts = ITEM_SECTIONS.map((section) => [section, items.filter((item) => item.section === section).length] as const).filter(([, count]) => count > 0);
  return counts.length === 0 ? '' : ` (${counts.map(([section, count]) => `${section} ${count}`).join(', ')})`;
}

function describe(item: FormItem): string {
  const title = typeof item.fields.title === 'string' ? `"${shownValue(item.fields.title)}"` : '(no title)';
  return typeof item.fields.organisation === 'string' ? `${title} (${item.fields.organisation})` : title;
}

function rowOf(file: string): number {
  return Number(/:row (\d+)$/u.exec(file)?.[1] ?? 0);
}
