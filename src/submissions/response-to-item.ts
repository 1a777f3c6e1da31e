import type { Problem } from '../errors.js';
import type { ItemSection } from '../issue/issue.js';
import type { Organisation } from '../organisations/organisation.js';
import { QUESTIONS, SECTION_ANSWERS, sectionOfAnswer, type Question } from './form-questions.js';
import type { CellResult, FormCell, FormRow } from './form-table.js';
import type { ColumnMap } from './map-columns.js';
import { matchOrganisation } from './match-organisation.js';
import { parseFormDate } from './parse-form-date.js';
import { parseFormTime } from './parse-form-time.js';
import { shownValue } from '../schema/shown-value.js';
import { cleanAnswer } from './clean-answer.js';

/** A response as an issue item: front-matter fields (as written in the issue, in the order written). */
export interface FormItem {
  section: ItemSection;
  fields: ItemFields;
  /** The spreadsheet row it came from. */
  row: number;
}

export type ItemFields = Record<string, string | Record<string, string>>;

export interface ResponseResult {
  row: number;
  /** Undefined when the response cannot be read as an item at all. */
  item: FormItem | undefined;
  /** Errors reject the response; warnings go with it. */
  problems: Problem[];
}

/** Which questions each section takes, and the field each fills. Everything else answered is left out, with a warning. */
const FIELDS: Readonly<Record<ItemSection, ReadonlyArray<Question>>> = {
  research: ['date'],
  training: ['date', 'time', 'location', 'cost', 'bookingDeadline'],
  funding: ['funder', 'amount', 'deadline'],
  news: [],
};
const COMMON: readonly Question[] = ['kind', 'title', 'link', 'summary', 'organisation', 'name', 'email'];

/**
 * Pure: one row of a form export as an item of the issue, with what is wrong
 * with it. Nothing here decides whether the item is valid: that is the issue
 * schema's and validateIssue's job, as for an item typed in by hand. This
 * only reads the answers (dates, times, the organisation) into the issue's
 * fields.
 */
export function responseToItem(row: FormRow, map: ColumnMap, context: { file: string; organisations: readonly Organisation[] }): ResponseResult {
  const where = `${context.file}:row ${row.row}`;
  const problems: Problem[] = [];
  const problem = (severity: Problem['severity'], message: string, hint?: string): void => {
    problems.push({ severity, file: where, message, ...(hint ? { hint } : {}) });
  };
  const answer = (question: Question): FormCell | undefined =>
    (map.questions[question] ?? []).map((index) => row.cells[index]).find((cell) => cell !== undefined && cell.text.trim() !== '');
  let cleaned = false;
  const text = (question: Question): string | undefined => {
    const found = answer(question);
    if (found === undefined) return undefined;
    const answered = cleanAnswer(found.text);
    cleaned ||= answered.removed;
    const trimmed = answered.text.trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const read = <T>(question: Question, parse: (cell: FormCell) => CellResult<T>): T | undefined => {
    const cell = answer(question);
    if (cell === undefined) return undefined;
    const result = parse(cell);
    if ('error' in result) {
      problem('error', `${QUESTIONS[question]}: ${result.error}`, result.hint);
      return undefined;
    }
    return result.value;
  };

  const kind = text('kind');
  const section = kind === undefined ? undefined : sectionOfAnswer(kind);
  if (section === undefined) {
    const answers = Object.values(SECTION_ANSWERS).join(', ');
    problem(
      'error',
      kind === undefined ? `${QUESTIONS.kind} has no answer` : `${QUESTIONS.kind}: "${shownValue(kind)}" is not one of the answers`,
      `The answers are ${answers}.`,
    );
    return { row: row.row, item: undefined, problems };
  }

  const fields: ItemFields = {};
  const title = text('title');
  if (title !== undefined) fields.title = title.replace(/\s+/gu, ' ');
  const link = text('link');
  if (link !== undefined) fields.url = link;

  if (section === 'research') {
    const published = read('date', parseFormDate);
    if (published !== undefined) fields.published = published;
  } else if (section === 'training') {
    const date = read('date', parseFormDate);
    if (date !== undefined) fields.date = date;
    const time = read('time', parseFormTime);
    if (time !== undefined) {
      fields.time = time.time;
      if (time.endTime !== undefined) fields.end_time = time.endTime;
    }
    setText(fields, 'location', text('location'));
    setText(fields, 'cost', text('cost'));
    // A form with one "Deadline" question uses it for courses too.
    const deadline = read(answer('bookingDeadline') ? 'bookingDeadline' : 'deadline', parseFormDate);
    if (deadline !== undefined) fields.deadline = deadline;
  } else if (section === 'funding') {
    setText(fields, 'funder', text('funder'));
    setText(fields, 'amount', text('amount'));
    const rolling = text('deadline')?.toLowerCase() === 'rolling';
    const deadline = rolling ? 'rolling' : read('deadline', parseFormDate);
    if (deadline !== undefined) fields.deadline = deadline;
  }

  const typedOrganisation = text('organisation');
  if (typedOrganisation !== undefined) {
    const match = matchOrganisation(typedOrganisation, context.organisations);
    if (match.kind === 'member') {
      fields.organisation = match.id;
    } else {
      const named = match.kind === 'ambiguous' ? match.candidates : match.suggestions;
      const names = named.map((o) => `"${o.name}" (${o.id})`).join(' or ');
      problem(
        'warning',
        `${QUESTIONS.organisation}: "${shownValue(typedOrganisation)}" ${match.kind === 'ambiguous' ? 'matches more than one member organisation' : 'is not a member organisation'}; the item is credited to no one`,
        names
          ? `Did you mean ${names}? Add "organisation: <id>" to the item in the issue.`
          : 'Add the organisation to contacts/organisations.yaml, or leave the item uncredited.',
      );
    }
  }
  setText(fields, 'summary', text('summary'));

  const submittedBy: Record<string, string> = {};
  setText(submittedBy, 'name', text('name'));
  setText(submittedBy, 'email', text('email'));
  setText(submittedBy, 'organisation', typedOrganisation);
  const submitted = map.submitted === undefined ? undefined : row.cells[map.submitted];
  setText(submittedBy, 'submitted', submitted === undefined ? undefined : submittedText(submitted));
  const response = map.response === undefined ? undefined : row.cells[map.response];
  setText(submittedBy, 'response', response === undefined ? undefined : cleanAnswer(response.text).text.trim() || undefined);
  if (Object.keys(submittedBy).length > 0) fields.submitted_by = submittedBy;

  const unused = (Object.keys(QUESTIONS) as Question[]).filter((q) => !COMMON.includes(q) && !FIELDS[section].includes(q) && answer(q) !== undefined);
  // The training fallback above reads "Deadline"; it was used, not left out.
  const leftOut = unused.filter((q) => !(section === 'training' && q === 'deadline' && answer('bookingDeadline') === undefined));
  if (leftOut.length > 0) {
    problem(
      'warning',
      `${leftOut.map((q) => QUESTIONS[q]).join(', ')} ${leftOut.length === 1 ? 'is' : 'are'} not part of a ${SECTION_ANSWERS[section].toLowerCase()} item and ${leftOut.length === 1 ? 'was' : 'were'} left out`,
    );
  }
  if (cleaned)
    problem(
      'warning',
      'control characters (invisible, or terminal escape codes) were removed from the answers',
      'Nothing to do: the item holds the text without them. Read it in the issue to check it says what was meant.',
    );
  return { row: row.row, item: { section, fields, row: row.row }, problems };
}

function setText(fields: Record<string, unknown>, key: string, value: string | undefined): void {
  if (value !== undefined && value !== '') fields[key] = value;
}

/** When the form was sent, as the form tool wrote it; a date cell as `YYYY-MM-DD HH:MM:SS`. */
function submittedText(cell: FormCell): string | undefined {
  if (cell.date) return cell.date.toISOString().slice(0, 19).replace('T', ' ');
  const text = cleanAnswer(cell.text).text.trim();
  return text === '' ? undefined : text;
}
