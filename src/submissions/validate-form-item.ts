import type { Problem } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import { issueFromFrontMatter } from '../issue/issue-from-front-matter.js';
import { validateIssue, type IssueContext } from '../issue/validate-issue.js';
import type { YamlPath } from '../schema/located-yaml.js';
import { QUESTIONS } from './form-questions.js';
import type { FormItem } from './response-to-item.js';
import { probableUrl } from '../schema/probable-url.js';

/** The question each field of an item came from, so a problem names what the submitter answered. */
const QUESTION_OF_FIELD: Readonly<Record<string, string>> = {
  title: QUESTIONS.title,
  url: QUESTIONS.link,
  summary: QUESTIONS.summary,
  published: QUESTIONS.date,
  date: QUESTIONS.date,
  time: QUESTIONS.time,
  end_time: QUESTIONS.time,
  location: QUESTIONS.location,
  cost: QUESTIONS.cost,
  funder: QUESTIONS.funder,
  amount: QUESTIONS.amount,
  organisation: QUESTIONS.organisation,
};

const FIX = "Correct the response in the form's results and import again, or add the item to the issue by hand.";

/**
 * Pure: every problem an item would have if the coordinator had typed it into
 * the issue. The item's fields go through the issue schema and validateIssue,
 * the same checks as `snippet check` (they are what the issue's YAML would
 * read back as: insertItems makes sure of that); their problems are then told
 * in the form's words, at the response's row.
 */
export function validateFormItem(item: FormItem, where: string, id: IssueId, context: IssueContext): Problem[] {
  const parsed = issueFromFrontMatter({ subject: 'A form response', [item.section]: [item.fields] }, '', { file: where, id, lineOf: () => undefined });
  // The schema's hints are for a typed item; a response gets the form's own (below).
  const problems: Problem[] = parsed.problems.map(({ hint: _hint, ...problem }) => problem);
  if (parsed.issue) {
    // Only the problems about this item: the other (empty) sections say nothing about it.
    const marker = -1;
    const lineOf = (path: YamlPath): number | undefined => (path[0] === item.section && path[1] === 0 ? marker : undefined);
    problems.push(...validateIssue(parsed.issue, lineOf, context).filter((problem) => problem.line === marker));
  }
  return problems.map((problem) => inFormWords(problem, item, where));
}

function inFormWords(problem: Problem, item: FormItem, where: string): Problem {
  let message = problem.message.replace(new RegExp(`^${item.section} item 1, `, 'u'), '');
  const field = /^([a-z_]+):/u.exec(message)?.[1];
  const question =
    field === 'deadline'
      ? item.section === 'training'
        ? QUESTIONS.bookingDeadline
        : QUESTIONS.deadline
      : field === undefined
        ? undefined
        : QUESTION_OF_FIELD[field];
  if (question !== undefined) message = `${question}${message.slice(field!.length)}`;
  message = message.replace(/: is required \(text\)$/u, ': has no answer, and the item needs one');
  return { severity: problem.severity, file: where, message, hint: problem.hint ?? (field === 'url' ? linkHint(item.fields.url) : FIX) };
}

/** Members often leave out the https://; the hint says what the link probably is. */
function linkHint(link: unknown): string {
  const guess = probableUrl(link);
  return guess ? `Probably ${guess}: correct it in the form's results and import again, or add the item by hand.` : FIX;
}
