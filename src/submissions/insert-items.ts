import { isMap, isScalar, isSeq, parseDocument, type Pair } from 'yaml';
import { ITEM_SECTIONS, type IssueId, type ItemSection } from '../issue/issue.js';
import { issueFromFrontMatter } from '../issue/issue-from-front-matter.js';
import { parseIssue } from '../issue/parse-issue.js';
import { itemFlowYaml, itemYaml } from './item-yaml.js';
import type { ItemFields } from './response-to-item.js';

export interface Addition {
  section: ItemSection;
  fields: ItemFields;
}

interface Edit {
  /** Offset in the file's text. */
  at: number;
  /** Text from `at` to here is replaced (an empty `[]` or a `~`). */
  to: number;
  text: string;
  /** Of two insertions at one place, the lower rank comes first in the text: a new section's key after the items of one already there. */
  rank?: number;
}

/**
 * Pure: the issue file's text with the items appended to their sections.
 * Everything else stays byte for byte: the coordinator's comments, order,
 * quoting, blank lines, line endings and byte-order mark. The sections are
 * found by the yaml package's positions and only new text is inserted (a
 * missing section gets its key at the end of the front matter). The result
 * is read back and must hold the old issue plus exactly the new items;
 * anything else is a bug, and nothing is returned.
 */
export function insertItems(source: string, additions: readonly Addition[], file: string, id: IssueId): string {
  if (additions.length === 0) return source;
  const before = parseIssue(source, file, id).issue;
  if (!before) throw new Error(`${file} must parse before items are added to it`);
  // A blank line before the new items reads best, unless the last item's text
  // keeps its trailing blank lines (`|+`); reading back tells.
  for (const tidy of [true, false]) {
    const text = applyEdits(source, planEdits(source, additions, tidy));
    if (holdsExactly(text, before, additions, file, id)) return text;
  }
  throw new Error(`adding items to ${file} would change what is already there`);
}

function planEdits(source: string, additions: readonly Addition[], tidy: boolean): Edit[] {
  const bom = source.startsWith('\uFEFF') ? 1 : 0;
  const opening = /^---[A-Za-z]*[ \t]*(\r\n|\n)/u.exec(source.slice(bom));
  if (!opening) throw new Error('no front matter');
  const newline = opening[1]!;
  const start = bom + opening[0].length;
  const closing = /^---[ \t]*\r?$/mu.exec(source.slice(start));
  if (!closing) throw new Error('the front matter is never closed');
  const end = start + closing.index;
  const doc = parseDocument(source.slice(start, end), { schema: 'core' });
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new Error('the front matter is not a map');
  const top = doc.contents;
  const column = (offset: number): number => offset - (source.lastIndexOf('\n', offset - 1) + 1);
  const lineEnd = (offset: number): number => {
    const next = source.indexOf('\n', offset);
    return next < 0 ? source.length : next + 1;
  };

  const edits: Edit[] = [];
  const sections = [...new Set(additions.map((a) => a.section))];
  for (const section of sections) {
    const items = additions.filter((a) => a.section === section).map((a) => a.fields);
    const pair = top.items.find((p) => isScalar(p.key) && p.key.value === section) as Pair | undefined;
    const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
    const keyStart = keyRange ? start + keyRange[0] : undefined;
    const value = pair?.value;

    if (!pair || !keyRange || keyStart === undefined) {
      const indent = top.range ? column(start + top.range[0]) : 0;
      const gap = tidy && !/(\r?\n){2}$/u.test(source.slice(start, end)) ? newline : '';
      const block = items.map((fields) => itemYaml(fields, indent + 2, newline)).join('');
      edits.push({ at: end, to: end, text: `${gap}${' '.repeat(indent)}${section}:${newline}${block}`, rank: 1 });
    } else if (isSeq(value) && value.items.length > 0 && !value.flow) {
      const dash = column(start + value.range![0]);
      const last = value.items.at(-1) as { range?: [number, number, number] };
      let at = start + last.range![1];
      if (source[at - 1] !== '\n') at = lineEnd(at);
      // Blank lines after the last item separate the section from the next; keep them after the new items.
      if (tidy) while (at > start && /\n[ \t]*\r?\n$/u.test(source.slice(start, at))) at = source.lastIndexOf('\n', at - 2) + 1;
      edits.push({ at, to: at, text: items.map((fields) => itemYaml(fields, dash, newline)).join('') });
    } else if (isSeq(value) && value.flow && value.items.length > 0) {
      const close = source.lastIndexOf(']', start + value.range![1]);
      edits.push({ at: close, to: close, text: items.map((fields) => `, ${itemFlowYaml(fields)}`).join('') });
    } else if ((isSeq(value) && value.flow) || value === null || (isScalar(value) && value.value === null)) {
      // `news:`, `news: ~` or `news: []`: the empty value goes, the list follows the key.
      const range = (value as { range?: [number, number, number] } | null)?.range;
      const from = range ? start + range[0] : start + keyRange[1];
      const to = range ? start + range[1] : from;
      const indent = column(keyStart) + 2;
      const after = lineEnd(to);
      if (to > from) edits.push({ at: from, to, text: '' });
      edits.push({ at: after, to: after, text: items.map((fields) => itemYaml(fields, indent, newline)).join('') });
    } else {
      throw new Error(`${section} is not a list`);
    }
  }
  return edits;
}

/** Applied from the end, so that each edit's offsets still hold. */
function applyEdits(source: string, edits: readonly Edit[]): string {
  let text = source;
  // At one place, the edit applied last comes first: so the higher rank, and of equal ranks the one planned later, goes first.
  const order = edits.map((edit, index) => ({ edit, index }));
  order.sort((a, b) => b.edit.at - a.edit.at || b.edit.to - a.edit.to || (b.edit.rank ?? 0) - (a.edit.rank ?? 0) || b.index - a.index);
  for (const { edit } of order) text = text.slice(0, edit.at) + edit.text + text.slice(edit.to);
  return text;
}

function holdsExactly(
  text: string,
  before: NonNullable<ReturnType<typeof parseIssue>['issue']>,
  additions: readonly Addition[],
  file: string,
  id: IssueId,
): boolean {
  const after = parseIssue(text, file, id).issue;
  if (!after) return false;
  const expected: Record<string, unknown> = { ...before };
  for (const section of ITEM_SECTIONS) {
    const added = additions.filter((a) => a.section === section);
    if (added.length === 0) continue;
    // What the fields are as an issue's items, read without YAML: the text written must read back as exactly these.
    const alone = issueFromFrontMatter({ subject: 'x', [section]: added.map((a) => a.fields) }, '', { file, id, lineOf: () => undefined }).issue;
    if (!alone) return false;
    expected[section] = [...before[section], ...alone[section]];
  }
  return JSON.stringify(after) === JSON.stringify(expected);
}
