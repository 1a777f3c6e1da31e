import { isMap, isScalar, isSeq, parseDocument, Scalar, stringify, type Document, type Pair, type YAMLMap } from 'yaml';
import { ITEM_SECTIONS, type ItemSection } from './issue.js';
import { columnOf, contentEnd, indentUnder, lineEnd, lineStart, pairEnd } from '../schema/yaml-text-positions.js';

/** The top-level fields an editor changes as text. Others (status, lists, meeting, archive) stay as written. */
export const EDITABLE_FIELDS = ['subject', 'preheader', 'send_at', 'spotlight', 'spotlight_note'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** One item as the editor holds it: where it was in the file (undefined: new) and the fields it shows. */
export interface ItemEdit {
  origin: number | undefined;
  /** Field name (as written in the file) → text; an empty text removes the field. */
  fields: Record<string, string>;
}

/** What an editor asks to change. Anything not named stays as it is. */
export interface IssueEdits {
  fields?: Partial<Record<EditableField | 'status', string>>;
  /** The introduction (the Markdown after the front matter). */
  intro?: string;
  /** Each section's items in their new order. Items left out are removed; new ones (origin undefined) go last. */
  sections?: Partial<Record<ItemSection, ItemEdit[]>>;
}

interface Edit {
  at: number;
  to: number;
  text: string;
}

interface FrontMatter {
  /** Offset of the YAML's first character in the source. */
  start: number;
  /** Offset of the closing `---` line. */
  end: number;
  /** Offset of the introduction's first character. */
  body: number;
  newline: string;
  doc: Document;
  top: YAMLMap;
}

/**
 * Pure: the issue file's text with the edits applied in place. A line no edit
 * touches stays byte for byte (comments, quoting, blank lines, line endings);
 * a changed field's lines are rewritten by the yaml package, so any text
 * reads back as typed; removed or reordered items move as whole blocks,
 * comments above them included; new items come at the end of their section.
 * The result is read back and must hold exactly
 * what was asked; anything else is a bug, and nothing is returned.
 */
export function editIssueText(source: string, edits: IssueEdits): string {
  // Fields and items first (offsets of the source), then the order of the items (offsets of that text).
  const fielded = applyEdits(source, fieldEdits(source, edits));
  const ordered = applyEdits(fielded, orderEdits(fielded, edits));
  const result = edits.intro === undefined ? ordered : replaceIntro(ordered, edits.intro);
  if (!holdsExactly(source, result, edits)) throw new Error('editing the issue would change more than was asked');
  return result;
}

function frontMatter(source: string): FrontMatter {
  const bom = source.startsWith('\uFEFF') ? 1 : 0;
  const opening = /^---[A-Za-z]*[ \t]*(\r\n|\n)/u.exec(source.slice(bom));
  if (!opening) throw new Error('no front matter');
  const start = bom + opening[0].length;
  const closing = /^---[ \t]*(\r?\n|$)/mu.exec(source.slice(start));
  if (!closing) throw new Error('the front matter is never closed');
  const end = start + closing.index;
  const doc = parseDocument(source.slice(start, end), { schema: 'core' });
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new Error('the front matter is not a map');
  return { start, end, body: end + closing[0].length, newline: opening[1]!, doc, top: doc.contents };
}

function fieldEdits(source: string, edits: IssueEdits): Edit[] {
  const fm = frontMatter(source);
  const out: Edit[] = [];
  for (const [key, value] of Object.entries(edits.fields ?? {})) out.push(...setField(source, fm, fm.top, key, value));
  for (const [section, items] of Object.entries(edits.sections ?? {})) {
    const seq = pairOf(fm.top, section)?.value;
    for (const item of items) {
      if (item.origin === undefined) continue;
      const map = isSeq(seq) ? seq.items[item.origin] : undefined;
      if (!isMap(map)) throw new Error(`${section} has no item ${item.origin + 1}`);
      for (const [key, value] of Object.entries(item.fields)) out.push(...setField(source, fm, map, key, value));
    }
  }
  return out;
}

/** The edits that make `map[key]` read `value` ('' removes it), touching only that field's lines. */
function setField(source: string, fm: FrontMatter, map: YAMLMap, key: string, value: string): Edit[] {
  const pair = pairOf(map, key);
  const current = pair?.value;
  const currentText =
    pair === undefined
      ? undefined
      : current === null || (isScalar(current) && current.value === null)
        ? ''
        : isScalar(current)
          ? String(current.value)
          : undefined;
  if (currentText === value || (!pair && value === '')) return [];
  const at = (offset: number): number => fm.start + offset;
  if (!pair) {
    if (value === '') return [];
    const last = map.items.at(-1);
    if (!last || !isScalar(last.key)) throw new Error(`no place for ${key}`);
    const column = columnOf(source, at(firstKey(map).range![0]));
    const after = lineEnd(source, contentEnd(source, at(pairEnd(last))));
    return [{ at: after, to: after, text: `${' '.repeat(column)}${pairText(key, value, column, fm.newline)}${fm.newline}` }];
  }
  const keyStart = at((pair.key as Scalar).range![0]);
  const valueEnd = contentEnd(source, at(pairEnd(pair)));
  if (value !== '') return [{ at: keyStart, to: valueEnd, text: pairText(key, value, columnOf(source, keyStart), fm.newline) }];
  const index = map.items.indexOf(pair);
  const next = map.items[index + 1];
  // The first field of a list item shares its line with the dash: the next field moves up to it.
  if (index === 0 && next && /-\s*$/u.test(source.slice(lineStart(source, keyStart), keyStart))) {
    return [{ at: keyStart, to: at((next.key as Scalar).range![0]), text: '' }];
  }
  if (map.items.length === 1) throw new Error(`${key} is the only field left`);
  return [{ at: lineStart(source, keyStart), to: lineEnd(source, valueEnd), text: '' }];
}

/** Removing, reordering and adding items: each moves as a block of whole lines, comments above it included; new ones come last. */
function orderEdits(source: string, edits: IssueEdits): Edit[] {
  const fm = frontMatter(source);
  const out: Edit[] = [];
  for (const [section, items] of Object.entries(edits.sections ?? {})) {
    const pair = pairOf(fm.top, section);
    const seq = pair?.value;
    const origins = items.flatMap((item) => (item.origin === undefined ? [] : [item.origin]));
    const added = items.filter((item) => item.origin === undefined).map((item) => nonEmpty(item.fields));
    const count = isSeq(seq) ? seq.items.length : 0;
    if (added.length === 0 && origins.length === count && origins.every((origin, index) => origin === index)) continue;
    if (count === 0) {
      out.push(newSection(source, fm, section, added));
      continue;
    }
    if (!isSeq(seq) || seq.flow) throw new Error(`${section} is not a list of items on lines of their own`);
    const blocks = seq.items.map((node, index) => {
      const range = (node as { range?: [number, number, number] }).range!;
      const previous = seq.items[index - 1] as { range?: [number, number, number] } | undefined;
      const from = previous ? lineEnd(source, contentEnd(source, fm.start + previous.range![1])) : lineStart(source, fm.start + range[0]);
      return { from, to: lineEnd(source, contentEnd(source, fm.start + range[1])) };
    });
    const dash = columnOf(source, fm.start + seq.range![0]);
    const text = origins.map((origin) => {
      const block = blocks[origin];
      if (!block) throw new Error(`${section} has no item ${origin + 1}`);
      return source.slice(block.from, block.to);
    });
    const last = blocks.at(-1)!;
    // The last item of the front matter may end without a line break before `---`.
    const joined = text.map((block) => (block.endsWith('\n') ? block : `${block}${fm.newline}`)).join('');
    out.push({ at: blocks[0]!.from, to: last.to, text: joined + added.map((fields) => itemText(fields, dash, fm.newline)).join('') });
  }
  return out;
}

/** A section with no items yet (`news: []`, `news:` or no key at all) gets its first ones. */
function newSection(source: string, fm: FrontMatter, section: string, added: Array<Record<string, string>>): Edit {
  if (added.length === 0) return { at: 0, to: 0, text: '' };
  const pair = pairOf(fm.top, section);
  if (!pair) {
    const indent = columnOf(source, fm.start + firstKey(fm.top).range![0]);
    const items = added.map((fields) => itemText(fields, indent + 2, fm.newline)).join('');
    return { at: fm.end, to: fm.end, text: `${' '.repeat(indent)}${section}:${fm.newline}${items}` };
  }
  const keyStart = fm.start + (pair.key as Scalar).range![0];
  const valueEnd = contentEnd(source, fm.start + pairEnd(pair));
  const indent = columnOf(source, keyStart) + 2;
  const items = added.map((fields) => itemText(fields, indent, fm.newline)).join('');
  return { at: keyStart, to: lineEnd(source, valueEnd), text: `${section}:${fm.newline}${items}` };
}

/** An item as the lines of a block list entry (`- title: …`), its dash at `column`. */
function itemText(fields: Record<string, string>, column: number, newline: string): string {
  const quoted = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, scalarOf(value)]));
  return stringify([quoted], { lineWidth: 0, version: '1.2' })
    .replace(/\n$/u, '')
    .split('\n')
    .map((line) => (line === '' ? '' : ' '.repeat(column) + line) + newline)
    .join('');
}

function nonEmpty(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
}

function scalarOf(value: string): Scalar {
  const scalar = new Scalar(value);
  // Times in quotes, as the issue files write them: YAML 1.1 tools read a bare 14:00 as a number.
  if (/^\d{1,2}:\d{2}$/u.test(value)) scalar.type = 'QUOTE_DOUBLE';
  return scalar;
}

function replaceIntro(source: string, intro: string): string {
  const fm = frontMatter(source);
  const text = intro.replace(/\r\n?/gu, '\n').replace(/\s+$/u, '');
  if (source.slice(fm.body).replace(/\r\n?/gu, '\n').trim() === text.trim()) return source;
  return source.slice(0, fm.body) + (text === '' ? '' : `${text}\n`).replace(/\n/gu, fm.newline);
}

/** `key: value` as the yaml package writes it; lines after the first indented to sit under the key. */
function pairText(key: string, value: string, column: number, newline: string): string {
  const text = stringify({ [key]: scalarOf(value) }, { lineWidth: 0, version: '1.2' }).replace(/\n$/u, '');
  return indentUnder(text, column, newline);
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair): pair is Pair => isScalar(pair.key) && pair.key.value === key);
}

function firstKey(map: YAMLMap): Scalar {
  const key = map.items[0]?.key;
  if (!isScalar(key) || !key.range) throw new Error('a map without keys');
  return key;
}

/** Applied from the end, so that each edit's offsets still hold. */
function applyEdits(source: string, edits: readonly Edit[]): string {
  let text = source;
  for (const edit of [...edits].sort((a, b) => b.at - a.at || b.to - a.to)) text = text.slice(0, edit.at) + edit.text + text.slice(edit.to);
  return text;
}

/** The result read back must be the source's front matter with exactly the edits made, and the asked introduction. */
function holdsExactly(source: string, result: string, edits: IssueEdits): boolean {
  const before = frontMatter(source).doc.toJS() as Record<string, unknown>;
  const after = frontMatter(result);
  const expected: Record<string, unknown> = { ...before };
  for (const [key, value] of Object.entries(edits.fields ?? {})) setOrDrop(expected, key, value);
  for (const section of ITEM_SECTIONS) {
    const items = edits.sections?.[section];
    if (!items) continue;
    const old = (Array.isArray(before[section]) ? before[section] : []) as Array<Record<string, unknown>>;
    const kept = items.flatMap((item) => {
      if (item.origin === undefined) return [];
      const fields = { ...old[item.origin] };
      for (const [key, value] of Object.entries(item.fields)) setOrDrop(fields, key, value);
      return [fields];
    });
    kept.push(...items.filter((item) => item.origin === undefined).map((item) => nonEmpty(item.fields)));
    if (kept.length > 0 || old.length > 0) expected[section] = kept;
  }
  if (canonical(after.doc.toJS()) !== canonical(expected)) return false;
  if (edits.intro === undefined) return result.slice(after.body) === source.slice(frontMatter(source).body);
  return result.slice(after.body).trim() === edits.intro.replace(/\r\n?/gu, '\n').trim().replace(/\n/gu, after.newline);
}

function setOrDrop(fields: Record<string, unknown>, key: string, value: string): void {
  const current = fields[key];
  const text =
    current === null || current === undefined
      ? ''
      : typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean'
        ? String(current)
        : JSON.stringify(current);
  if (text === value) return;
  if (value === '') delete fields[key];
  else fields[key] = value;
}

/** JSON with keys sorted, so that a field added at the end of its item compares equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
