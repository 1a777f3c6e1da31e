import type { IssueDraft } from '../actions/issue-editor.js';
import { EDITABLE_FIELDS, type EditableField, type IssueEdits, type ItemEdit } from '../issue/edit-issue-text.js';
import { ITEM_SECTIONS, type ItemSection } from '../issue/issue.js';

export type FieldKind = 'text' | 'url' | 'date' | 'time' | 'deadline' | 'organisation' | 'markdown';

/** An item's field as the editor shows it: its name in the file, its label (as the file documentation names it), its input. */
export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
}

const title: FieldSpec = { name: 'title', label: 'Title', kind: 'text' };
const link: FieldSpec = { name: 'url', label: 'Link', kind: 'url' };
const organisation: FieldSpec = { name: 'organisation', label: 'Organisation', kind: 'organisation' };
const summary: FieldSpec = { name: 'summary', label: 'Summary', kind: 'markdown' };

export const SECTION_FIELDS: Record<ItemSection, FieldSpec[]> = {
  research: [title, link, { name: 'source', label: 'Source', kind: 'text' }, { name: 'published', label: 'Published', kind: 'date' }, organisation, summary],
  training: [
    title,
    link,
    { name: 'date', label: 'Date', kind: 'date' },
    { name: 'time', label: 'Time', kind: 'time' },
    { name: 'end_date', label: 'End date', kind: 'date' },
    { name: 'end_time', label: 'End time', kind: 'time' },
    { name: 'location', label: 'Location', kind: 'text' },
    { name: 'cost', label: 'Cost', kind: 'text' },
    { name: 'deadline', label: 'Booking closes', kind: 'date' },
    organisation,
    summary,
  ],
  funding: [
    title,
    link,
    { name: 'funder', label: 'Funder', kind: 'text' },
    { name: 'amount', label: 'Amount', kind: 'text' },
    { name: 'deadline', label: 'Deadline', kind: 'deadline' },
    organisation,
    summary,
  ],
  news: [title, { ...link, label: 'Link (optional)' }, organisation, summary],
};

export const SECTION_TITLES: Record<ItemSection, string> = {
  research: 'Research',
  training: 'Training and events',
  funding: 'Funding',
  news: 'News from members',
};

export const TOP_LABELS: Record<EditableField, string> = {
  subject: 'Subject',
  preheader: 'Preheader',
  send_at: 'Send at',
  spotlight: 'Spotlight',
  spotlight_note: 'Spotlight note',
};

/** What the form holds: the fields as text, each section's items in order. */
export interface EditorModel {
  fields: Record<EditableField, string>;
  intro: string;
  sections: Record<ItemSection, ItemEdit[]>;
}

/** Pure: the form as the file has it. */
export function modelOfDraft(draft: IssueDraft): EditorModel {
  const front = draft.front ?? {};
  const fields = Object.fromEntries(EDITABLE_FIELDS.map((name) => [name, textOf(front[name])])) as Record<EditableField, string>;
  const sections = Object.fromEntries(
    ITEM_SECTIONS.map((section) => {
      const items = Array.isArray(front[section]) ? (front[section] as unknown[]) : [];
      return [
        section,
        items.map((item, index) => {
          const values = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
          return { origin: index, fields: Object.fromEntries(SECTION_FIELDS[section].map((spec) => [spec.name, textOf(values[spec.name])])) };
        }),
      ];
    }),
  ) as Record<ItemSection, ItemEdit[]>;
  return { fields, intro: draft.intro, sections };
}

/** Pure: the form's post as a model, the button pressed and the version it was based on. */
export function modelOfForm(posted: URLSearchParams): { model: EditorModel; action: string; version: string } {
  // Browsers send a text area's line breaks as CRLF; the file keeps its own.
  const form = new URLSearchParams([...posted].map(([key, value]): [string, string] => [key, value.replace(/\r\n?/gu, '\n')]));
  const fields = Object.fromEntries(EDITABLE_FIELDS.map((name) => [name, form.get(name) ?? ''])) as Record<EditableField, string>;
  const sections = Object.fromEntries(
    ITEM_SECTIONS.map((section) => {
      const indices = [...form.keys()]
        .map((key) => new RegExp(`^${section}\\.(\\d+)\\.origin$`, 'u').exec(key)?.[1])
        .filter((index): index is string => index !== undefined)
        .map(Number)
        .sort((a, b) => a - b);
      return [
        section,
        indices.map((index) => {
          const value = (name: string): string => form.get(`${section}.${index}.${name}`) ?? '';
          const origin = value('origin');
          const item = Object.fromEntries(SECTION_FIELDS[section].map((spec) => [spec.name, value(spec.name)]));
          if (section === 'funding' && value('rolling') === 'yes') item.deadline = 'rolling';
          return { origin: /^\d+$/u.test(origin) ? Number(origin) : undefined, fields: item };
        }),
      ];
    }),
  ) as Record<ItemSection, ItemEdit[]>;
  return { model: { fields, intro: form.get('intro') ?? '', sections }, action: form.get('action') ?? 'save', version: form.get('version') ?? '' };
}

/** Pure: the button's effect on the form (remove, move); saving is the caller's. */
export function applyButton(model: EditorModel, action: string): EditorModel {
  const match = /^(remove|up|down):(research|training|funding|news)\.(\d+)$/u.exec(action);
  if (!match) return model;
  const [, verb, section, at] = match as unknown as [string, string, ItemSection, string];
  const items = [...model.sections[section]];
  const index = Number(at);
  if (verb === 'remove') items.splice(index, 1);
  const other = verb === 'up' ? index - 1 : index + 1;
  if (verb !== 'remove' && items[index] && items[other]) [items[index], items[other]] = [items[other], items[index]];
  return { ...model, sections: { ...model.sections, [section]: items } };
}

/** Pure: the edits the model asks of the file; a new item left empty is no item. */
export function editsOfModel(model: EditorModel): IssueEdits {
  const sections = Object.fromEntries(ITEM_SECTIONS.map((section) => [section, model.sections[section].filter(writtenItem)]));
  return { fields: model.fields, intro: model.intro, sections };
}

/** Pure: whether a posted item is written to the file: one already in it, or a new one with something typed. */
export function writtenItem(item: ItemEdit): boolean {
  return item.origin !== undefined || Object.values(item.fields).some((value) => value.trim() !== '');
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}
