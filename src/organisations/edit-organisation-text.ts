import { Document, isMap, isScalar, isSeq, parseDocument, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { columnOf, contentEnd, indentUnder, lineEnd, lineStart, pairEnd } from '../schema/yaml-text-positions.js';

/** Fields written as a YAML list (`[a, b]`); the desk holds them as text separated by commas. */
export const LIST_FIELDS = ['areas', 'services', 'for', 'stages', 'languages'] as const;
/** Fields that are only ever written as `false` (true is their default, so the field goes). */
export const FLAG_FIELDS = ['spotlight', 'directory'] as const;

/** The profile's fields an editor changes, in the order the file documents them. `id` stays: issues refer to it. */
export const ORGANISATION_FIELDS = [
  'name',
  'description',
  'website',
  'services',
  'areas',
  'for',
  'stages',
  'self_referral',
  'refer',
  'phone',
  'email',
  'languages',
  'cost',
  'waiting_time',
  'referral',
  'contact',
  'spotlight',
  'directory',
  'reviewed',
] as const;
export type OrganisationField = (typeof ORGANISATION_FIELDS)[number];

/** Field → text as the editor shows it: lists joined by ", ", flags "false" or "", self_referral "yes", "no" or "". An empty text removes the field. */
export type OrganisationFields = Partial<Record<OrganisationField, string>>;

interface Edit {
  at: number;
  to: number;
  text: string;
}

/** Pure: one organisation's fields as the editor shows them, read from the file's text (undefined: no such organisation, or the file does not read). */
export function organisationFieldsOf(source: string, id: string): OrganisationFields | undefined {
  const found = findOrganisation(source, id);
  return found ? fieldsOfMap(found.map) : undefined;
}

/** Pure: every organisation with an id, in file order, with its fields as the editor shows them. */
export function organisationsInText(source: string): Array<{ id: string; fields: OrganisationFields }> {
  const doc = parseDocument(source, { schema: 'core' });
  const list = isMap(doc.contents) ? doc.contents.get('organisations', true) : undefined;
  if (doc.errors.length > 0 || !isSeq(list)) return [];
  return list.items.flatMap((item) => {
    const id = isMap(item) ? item.get('id') : undefined;
    return isMap(item) && typeof id === 'string' ? [{ id, fields: fieldsOfMap(item) }] : [];
  });
}

function fieldsOfMap(map: YAMLMap): OrganisationFields {
  const fields: OrganisationFields = {};
  for (const field of ORGANISATION_FIELDS) {
    const text = textOf(field, map.get(field, true));
    if (text !== '') fields[field] = text;
  }
  return fields;
}

/**
 * Pure: the text of organisations.yaml with one organisation's fields set to
 * `fields` (a field not named stays; an empty text removes it). Only the
 * changed fields' lines are rewritten (by the yaml package, so any text
 * reads back as typed); every other byte stays, comments included. The
 * result is read back and must hold exactly what was asked.
 */
export function editOrganisationText(source: string, id: string, fields: OrganisationFields): string {
  const found = findOrganisation(source, id);
  if (!found) throw new Error(`there is no organisation ${id} to change`);
  const newline = source.includes('\r\n') ? '\r\n' : '\n';
  const edits: Edit[] = [];
  for (const [key, value] of Object.entries(fields) as Array<[OrganisationField, string]>) {
    if (normalise(key, value) === textOf(key, found.map.get(key, true))) continue;
    edits.push(setField(source, found.map, key, normalise(key, value), newline));
  }
  let result = source;
  // From the end, so that each edit's offsets still hold; new fields at one place keep the order asked.
  const order = new Map(edits.map((edit, index) => [edit, index]));
  for (const edit of [...edits].sort((a, b) => b.at - a.at || order.get(b)! - order.get(a)!))
    result = result.slice(0, edit.at) + edit.text + result.slice(edit.to);
  const check = organisationFieldsOf(result, id);
  const expected = { ...organisationFieldsOf(source, id) };
  for (const [key, value] of Object.entries(fields) as Array<[OrganisationField, string]>) {
    if (normalise(key, value) === '') delete expected[key];
    else expected[key] = normalise(key, value);
  }
  if (JSON.stringify(sorted(check)) !== JSON.stringify(sorted(expected))) throw new Error('editing the organisation would change more than was asked');
  return result;
}

function findOrganisation(source: string, id: string): { map: YAMLMap } | undefined {
  const doc = parseDocument(source, { schema: 'core' });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const list = doc.contents.get('organisations', true);
  if (!isSeq(list)) return undefined;
  const map = list.items.find((item): item is YAMLMap => isMap(item) && item.get('id') === id);
  return map ? { map } : undefined;
}

/** A field's value as the editor shows it. */
function textOf(field: OrganisationField, node: unknown): string {
  if (node === undefined || node === null) return '';
  if (isSeq(node)) return node.items.map((item) => plain(isScalar(item) ? item.value : item)).join(', ');
  if (!isScalar(node)) return plain(node);
  const value = node.value;
  if ((FLAG_FIELDS as readonly string[]).includes(field)) return value === false ? 'false' : value === true ? '' : plain(value);
  if (field === 'self_referral') {
    if (value === true || /^(yes|true)$/iu.test(plain(value).trim())) return 'yes';
    if (value === false || /^(no|false)$/iu.test(plain(value).trim())) return 'no';
  }
  return plain(value);
}

/** A value as text: a scalar as written, anything else (a map where text belongs) as JSON, so that nothing is hidden. */
function plain(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(isMap(value) || isSeq(value) ? value.toJSON() : value);
}

/** What the editor's text means: lists trimmed and joined the one way, Windows line ends as the file's. */
function normalise(field: OrganisationField, value: string): string {
  const text = value.replace(/\r\n?/gu, '\n');
  if ((LIST_FIELDS as readonly string[]).includes(field))
    return text
      .split(/[,;\n]/u)
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .join(', ');
  if ((FLAG_FIELDS as readonly string[]).includes(field)) return text === 'false' ? 'false' : '';
  // As textOf reads it: true/yes and false/no in any case are the editor's yes and no.
  if (field === 'self_referral' && /^(yes|true)$/iu.test(text.trim())) return 'yes';
  if (field === 'self_referral' && /^(no|false)$/iu.test(text.trim())) return 'no';
  return field === 'description' || field === 'refer' || field === 'referral' ? text.replace(/\s+$/u, '') : text.trim();
}

/** The edit that makes `map[key]` read `value` ('' removes it), touching only that field's lines. */
function setField(source: string, map: YAMLMap, key: OrganisationField, value: string, newline: string): Edit {
  const pair = map.items.find((p): p is Pair => isScalar(p.key) && p.key.value === key);
  if (!pair) {
    const last = map.items.at(-1)!;
    const column = columnOf(source, (map.items[0]!.key as Scalar).range![0]);
    const after = lineEnd(source, contentEnd(source, pairEnd(last)));
    const gap = after === source.length && !source.endsWith('\n') ? newline : '';
    return { at: after, to: after, text: `${gap}${' '.repeat(column)}${pairText(key, value, column, newline)}${gap === '' ? newline : ''}` };
  }
  const keyStart = (pair.key as Scalar).range![0];
  const valueEnd = contentEnd(source, pairEnd(pair));
  if (value !== '') return { at: keyStart, to: valueEnd, text: pairText(key, value, columnOf(source, keyStart), newline) };
  const index = map.items.indexOf(pair);
  const next = map.items[index + 1];
  // The first field of a list item shares its line with the dash: the next one moves up to it.
  if (index === 0 && next && /-\s*$/u.test(source.slice(lineStart(source, keyStart), keyStart))) {
    return { at: keyStart, to: (next.key as Scalar).range![0], text: '' };
  }
  return { at: lineStart(source, keyStart), to: lineEnd(source, valueEnd), text: '' };
}

/** `key: value` as the yaml package writes it, lists in flow style as the file's documentation writes them. */
function pairText(key: OrganisationField, value: string, column: number, newline: string): string {
  const doc = new Document(
    { [key]: (LIST_FIELDS as readonly string[]).includes(key) ? value.split(', ') : (FLAG_FIELDS as readonly string[]).includes(key) ? false : value },
    { version: '1.2' },
  );
  const inner = (doc.contents as YAMLMap).items[0]!.value;
  if (isSeq(inner)) inner.flow = true;
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/u, '');
  return indentUnder(text, column, newline);
}

function sorted(fields: OrganisationFields | undefined): Array<[string, string]> {
  return Object.entries(fields ?? {}).sort(([a], [b]) => a.localeCompare(b));
}
