import { z } from 'zod';
import { dateTimeProblem, isIsoDate } from '../time/zoned-time.js';
import { clockTimeField, httpUrlField, isoDateField, text } from '../schema/schema-fields.js';
import { singleLine } from '../schema/single-line.js';
import { isIssueId } from './issue-id.js';

/** Money and costs are often written as bare numbers in YAML; keep them as text. */
const looseText = z.union([z.string(), z.number()]).transform(String);
const date = isoDateField('2026-12-15');
const url = httpUrlField('must be a web address starting with http:// or https://');
const markdown = z.string();
/** Any text: validateIssue says which organisation was meant when it is not an id (a name, a typo). */
const organisationId = text;
const clockTime = clockTimeField('09:30');
/** Who sent an item through the members' form: kept for the coordinator, never shown to members or on the website. */
const submittedBy = z.strictObject({
  name: text.optional(),
  email: text.optional(),
  organisation: text.optional(),
  submitted: z.string().optional(),
  // Microsoft Forms numbers its responses: `response: 17` reads as a number.
  response: z
    .union([z.string(), z.number()])
    .transform((value) => String(value))
    .optional(),
});

const itemBase = {
  title: text,
  url,
  summary: markdown.optional(),
  organisation: organisationId.optional(),
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
  organisation: organisationId.optional(),
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
  subject: singleLine(text),
  preheader: singleLine(z.string()).optional(),
  send_at: z
    .string()
    .superRefine((value, context) => {
      const problem = dateTimeProblem(value);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  status: z.enum(['draft', 'approved'], { error: 'must be draft or approved' }).default('draft'),
  lists: z.union([text.transform((v) => [v]), z.array(text)], { error: 'must be a list name or a list of names, e.g. [members, managers]' }).optional(),
  spotlight: organisationId.optional(),
  spotlight_note: markdown.optional(),
  meeting: z.boolean().optional(),
  archive: z.boolean({ error: 'must be true or false' }).optional(),
  research: section(researchItemSchema),
  training: section(trainingItemSchema),
  funding: section(fundingItemSchema),
  news: section(newsItemSchema),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;
