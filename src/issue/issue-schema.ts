import { z } from 'zod';
import { dateTimeProblem, isIsoDate } from '../time/zoned-time.js';
import { isIssueId } from './issue-id.js';

const text = z.string().trim().min(1, 'must not be empty');
/** Money and costs are often written as bare numbers in YAML; keep them as text. */
const looseText = z.union([z.string(), z.number()]).transform(String);
const date = z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD, e.g. 2026-12-15');
const url = z.string().trim().refine(isHttpUrl, 'must be a web address starting with http:// or https://');
const markdown = z.string();
/** Any text: validateIssue says which organisation was meant when it is not an id (a name, a typo). */
const organisationId = text;

const itemBase = {
  title: text,
  url,
  summary: markdown.optional(),
  organisation: organisationId.optional(),
  carried_from: z.string().refine(isIssueId, 'must be an issue month, YYYY-MM').optional(),
};

const researchItemSchema = z.strictObject({
  ...itemBase,
  source: text.optional(),
  published: date.optional(),
});

const trainingItemSchema = z.strictObject({
  ...itemBase,
  date: date.optional(),
  location: text.optional(),
  cost: looseText.optional(),
  deadline: date.optional(),
});

const fundingItemSchema = z.strictObject({
  ...itemBase,
  funder: text.optional(),
  amount: looseText.optional(),
  deadline: date,
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
    .superRefine((value, context) => {
      const problem = dateTimeProblem(value);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  status: z.enum(['draft', 'approved'], { error: 'must be draft or approved' }).default('draft'),
  lists: z
    .union([text.transform((v) => [v]), z.array(text)], { error: 'must be a list name or a list of names, e.g. [members, managers]' })
    .optional(),
  spotlight: organisationId.optional(),
  spotlight_note: markdown.optional(),
  meeting: z.boolean().optional(),
  research: section(researchItemSchema),
  training: section(trainingItemSchema),
  funding: section(fundingItemSchema),
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
