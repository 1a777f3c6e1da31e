import { z } from 'zod';
import { isIsoDate } from '../time/zoned-time.js';
import { isIssueId } from './issue-id.js';

const SEND_AT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?$/u;

const text = z.string().trim().min(1, 'must not be empty');
/** Money and costs are often written as bare numbers in YAML; keep them as text. */
const looseText = z.union([z.string(), z.number()]).transform(String);
const date = z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD, e.g. 2026-12-15');
const url = z.string().trim().refine(isHttpUrl, 'must be a web address starting with http:// or https://');
const markdown = z.string();
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/u, 'must be an organisation id in kebab-case, e.g. home-start-glasgow-north');
const clockTime = z
  .string()
  .trim()
  .refine((v) => /^([01]?\d|2[0-3]):[0-5]\d$/u.test(v), 'must be a time of day written HH:MM, e.g. "09:30"')
  .transform((v) => v.padStart(5, '0'));
/** Who sent an item through the members' form: kept for the coordinator, never shown to members or on the website. */
const submittedBy = z.strictObject({
  name: text.optional(),
  email: text.optional(),
  organisation: text.optional(),
  submitted: z.string().optional(),
});

const itemBase = {
  title: text,
  url,
  summary: markdown.optional(),
  organisation: id.optional(),
  carried_from: z.string().refine(isIssueId, 'must be an issue month, YYYY-MM').optional(),
  submitted_by: submittedBy.optional(),
};

const researchItemSchema = z.strictObject({
  ...itemBase,
  source: text.optional(),
  published: date.optional(),
});

const trainingItemSchema = z.strictObject({
  ...itemBase,
  date: date.optional(),
  time: clockTime.optional(),
  end_date: date.optional(),
  end_time: clockTime.optional(),
  location: text.optional(),
  cost: looseText.optional(),
  deadline: date.optional(),
});

const fundingItemSchema = z.strictObject({
  ...itemBase,
  funder: text.optional(),
  amount: looseText.optional(),
  deadline: z.string().refine((v) => v === 'rolling' || isIsoDate(v), 'must be a date written YYYY-MM-DD, or rolling for a fund that is open all year'),
});

const newsItemSchema = z.strictObject({
  title: text,
  url: url.optional(),
  summary: markdown.optional(),
  organisation: id.optional(),
  carried_from: itemBase.carried_from,
  submitted_by: submittedBy.optional(),
});

/** `research:` with nothing under it is an empty section, not an error. */
const section = <T extends z.ZodType>(item: T) =>
  z
    .array(item, { error: 'must be a list of items, each starting with "- title: …"' })
    .nullish()
    .transform((items) => items ?? []);

export const frontMatterSchema = z.strictObject({
  subject: text.refine((v) => !/[\r\n]/u.test(v), 'must be a single line'),
  preheader: z.string().refine((v) => !/[\r\n]/u.test(v), 'must be a single line').optional(),
  send_at: z
    .string()
    .regex(SEND_AT, 'must be a date and time such as 2026-12-01T09:00 (local time) or 2026-12-01T09:00Z')
    .optional(),
  status: z.enum(['draft', 'approved'], { error: 'must be draft or approved' }).default('draft'),
  lists: z
    .union([text.transform((v) => [v]), z.array(text)], { error: 'must be a list name or a list of names, e.g. [members, managers]' })
    .optional(),
  spotlight: id.optional(),
  spotlight_note: markdown.optional(),
  meeting: z.boolean().optional(),
  archive: z.boolean({ error: 'must be true or false' }).optional(),
  research: section(researchItemSchema),
  training: section(trainingItemSchema),
  funding: section(fundingItemSchema),
  news: section(newsItemSchema),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//iu.test(value) || /\s/u.test(value)) return false;
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}
