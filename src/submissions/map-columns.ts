import { CONFIG_FILE } from '../config/config.js';
import type { Problem } from '../errors.js';
import { closestWord } from '../schema/closest-word.js';
import { FORM_TOOL_COLUMNS, normaliseHeading, QUESTIONS, REQUIRED_QUESTIONS, SUBMITTED_COLUMNS, type Question } from './form-questions.js';
import { shownValue } from '../schema/shown-value.js';

export interface ColumnMap {
  /**
   * The columns that answer each question. A form that branches (one page for
   * a course, another for a grant) asks "Title" on each page, so a question
   * may have several columns; a response answers one of them.
   */
  questions: Partial<Record<Question, number[]>>;
  /** The form tool's "Completion time" or "Timestamp" column. */
  submitted?: number;
  /** Microsoft Forms' "Id" column: each response's own number. */
  response?: number;
}

export interface MappedColumns {
  map: ColumnMap;
  /** Errors stop the import: a required question has no column, or the config names a question that does not exist. */
  problems: Problem[];
}

/**
 * Pure: a form export's header row in, which column answers which question
 * out. `columns` is the config's `submissions.columns` (standard question →
 * the form's own heading) for a form worded differently.
 */
export function mapColumns(header: readonly string[], columns: Readonly<Record<string, string>>, file: string): MappedColumns {
  const problems: Problem[] = [];
  const byHeading = new Map<string, Question>();
  for (const [question, text] of Object.entries(QUESTIONS) as Array<[Question, string]>) byHeading.set(normaliseHeading(text), question);

  // The config's wording wins over the standard one: a form may use "Title" for something else.
  const questionTexts = Object.values(QUESTIONS);
  for (const standard of Object.keys(columns)) {
    if (!byHeading.has(normaliseHeading(standard))) {
      const suggestion = closestWord(standard, questionTexts);
      problems.push({
        severity: 'error',
        file: CONFIG_FILE,
        message: `submissions.columns: "${standard}" is not one of the form's questions`,
        hint: suggestion ? `Did you mean "${suggestion}"?` : `The questions are: ${questionTexts.join(', ')}.`,
      });
    }
  }
  const mapped = new Map<string, Question>();
  for (const [standard, heading] of Object.entries(columns)) {
    const question = byHeading.get(normaliseHeading(standard));
    if (question !== undefined) mapped.set(normaliseHeading(heading), question);
  }

  const toolColumns = new Set(FORM_TOOL_COLUMNS.map(normaliseHeading));
  const submittedColumns = new Set(SUBMITTED_COLUMNS.map(normaliseHeading));
  const map: ColumnMap = { questions: {} };
  header.forEach((raw, index) => {
    const heading = normaliseHeading(raw);
    if (heading === '') return;
    const question = mapped.get(heading) ?? byHeading.get(heading);
    if (question !== undefined) {
      (map.questions[question] ??= []).push(index);
    } else if (toolColumns.has(heading)) {
      if (submittedColumns.has(heading) && map.submitted === undefined) map.submitted = index;
      if (heading === normaliseHeading('Id') && map.response === undefined) map.response = index;
    } else {
      const suggestion = raw.length > 200 ? undefined : closestWord(raw.trim(), questionTexts);
      problems.push({
        severity: 'warning',
        file,
        message: `column "${shownValue(raw.trim())}" is not one of the form's questions; its answers are left out`,
        hint: suggestion
          ? `Did you mean "${suggestion}"? Rename the question in the form, or map it in ${CONFIG_FILE} under submissions.columns.`
          : `If it answers one of the questions, map it in ${CONFIG_FILE} under submissions.columns, e.g. "Title: ${shownValue(raw.trim())}".`,
      });
    }
  });

  for (const question of REQUIRED_QUESTIONS) {
    if (map.questions[question] === undefined) {
      problems.push({
        severity: 'error',
        file,
        line: 1,
        message: `no column answers "${QUESTIONS[question]}"`,
        hint: `The form's questions are in docs/drafting.md; a form worded differently maps its headings in ${CONFIG_FILE} under submissions.columns. Columns found: ${
          header
            .filter((h) => h.trim() !== '')
            .map((h) => `"${shownValue(h.trim())}"`)
            .join(', ') || 'none'
        }.`,
      });
    }
  }
  return { map, problems };
}
