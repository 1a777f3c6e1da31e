import { stringify } from 'csv-stringify/sync';
import type { Problem } from '../errors.js';
import { MEMBERS_FILE, type Member } from './member.js';
import { neutraliseCell, startsLikeFormula } from './neutralise-cell.js';
import { columnOf, type MemberColumn, type ParsedMembers } from './parse-members.js';
import type { ImportPlan } from './plan-import.js';

/** The header of a members.csv that an import creates; `greeting_name` only when the import has greeting names. */
const NEW_MEMBERS_HEADER = ['email', 'name', 'organisation', 'lists'];
const NEW_MEMBERS_HEADER_WITH_GREETING = ['email', 'name', 'greeting_name', 'organisation', 'lists'];

/**
 * Pure: the new text of `members.csv` after an import. Rows the import does
 * not touch stay byte for byte as they were (quotes, spacing, rows with
 * problems); updated rows are rewritten in place; new rows follow the last
 * row. The header, column order, separator, line ends and byte-order mark are
 * the file's own. Values for a column the file does not have are left out,
 * with a warning.
 *
 * An untouched row whose cell starts like a formula (a hand-typed
 * `=HYPERLINK(...)` name) is kept as typed, not neutralised: the tool writes
 * the rows it makes, and changing a person's own text without being asked
 * would put an apostrophe into the name their newsletter greets them by. It
 * is warned of instead, with its line, so it can be fixed at the source.
 */
export function rewriteMembersCsv(existing: ParsedMembers | undefined, plan: ImportPlan): { text: string; warnings: Problem[] } {
  if (existing === undefined) {
    const header = plan.added.some((member) => member.greetingName !== undefined) ? NEW_MEMBERS_HEADER_WITH_GREETING : NEW_MEMBERS_HEADER;
    const columns = new Map(header.map((name, i) => [columnOf(name)!, i]));
    const rows = plan.added.map((member) => cells(member, columns, blank(header.length)));
    return { text: stringify([header, ...rows], { record_delimiter: 'unix' }), warnings: [] };
  }
  const { csv, columns } = existing;
  const row = (member: Member, base: readonly string[] = blank(csv.header.length)): string =>
    stringify([cells(member, columns, base)], { delimiter: csv.delimiter, record_delimiter: 'unix', quoted_match: /\r/u }).replace(/\n$/u, '');

  const edits = plan.updated.map(({ before, after }) => {
    const span = csv.rows.find((r) => r.line === before.line)!;
    // Columns the import does not know (a coordinator's notes, say) keep their values.
    return { start: span.start, end: span.end, text: row(after, span.values) };
  });
  const last = csv.rows.at(-1)?.end ?? headerEnd(csv.source);
  const added = plan.added.map((member) => `${csv.newline}${row(member)}`).join('');
  if (added) edits.push({ start: last, end: last, text: added });

  let text = csv.source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  if (plan.added.length > 0 && csv.rows.length === 0 && !/[\r\n]$/u.test(text)) text += csv.newline;
  const touched = new Set(plan.updated.map(({ before }) => before.line));
  return {
    text: (csv.bom ? '\uFEFF' : '') + text,
    warnings: [...missingColumns(plan, columns), ...formulaCells(csv.rows.filter((r) => !touched.has(r.line)))],
  };
}

function formulaCells(rows: ReadonlyArray<{ line: number; values: readonly string[] }>): Problem[] {
  return rows.flatMap(({ line, values }) => {
    const formula = values.find(startsLikeFormula);
    if (formula === undefined) return [];
    return [
      {
        severity: 'warning' as const,
        file: MEMBERS_FILE,
        line,
        message: `"${formula.length > 40 ? `${formula.slice(0, 40)}…` : formula}" starts like a spreadsheet formula; the row was kept as it is`,
        hint: 'A spreadsheet may run it when the file is opened: remove the leading = + - or @, or put an apostrophe before it.',
      },
    ];
  });
}

function blank(width: number): string[] {
  return new Array<string>(width).fill('');
}

function cells(member: Member, columns: ReadonlyMap<MemberColumn, number>, base: readonly string[]): string[] {
  const values = [...base];
  const set = (column: MemberColumn, value: string | undefined): void => {
    const at = columns.get(column);
    if (at !== undefined && value !== undefined) values[at] = value;
  };
  set('email', member.email);
  set('name', member.name);
  set('greetingName', member.greetingName);
  set('organisation', member.organisation);
  set('lists', member.lists.join(';'));
  // The rows written here are opened in spreadsheets: none may start like a formula.
  return values.map(neutraliseCell);
}

function headerEnd(source: string): number {
  let quoted = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) return i;
  }
  return source.length;
}

function missingColumns(plan: ImportPlan, columns: ReadonlyMap<MemberColumn, number>): Problem[] {
  const members = [...plan.added, ...plan.updated.map((u) => u.after)];
  const wanted: Array<[MemberColumn, (m: Member) => boolean]> = [
    ['name', (m) => m.name !== undefined],
    ['greetingName', (m) => m.greetingName !== undefined],
    ['organisation', (m) => m.organisation !== undefined],
    ['lists', (m) => m.lists.length > 0],
  ];
  return wanted
    .filter(([column, has]) => !columns.has(column) && members.some(has))
    .map(([column]) => {
      const name = column === 'greetingName' ? 'greeting_name' : column;
      return {
        severity: 'warning' as const,
        file: MEMBERS_FILE,
        line: 1,
        message: `the file has no ${name} column, so imported ${name} values were not written`,
        hint: `Add a "${name}" column to the header to keep them.`,
      };
    });
}
