import type { ItemSection } from '../issue/issue.js';

/**
 * The members' form: these question texts are the contract with the
 * coordinator, who creates them in Microsoft Forms or Google Forms (see
 * docs/drafting.md). A heading matches a question case-insensitively,
 * ignoring a trailing `?` or `:`, in any column order.
 */
export const QUESTIONS = {
  kind: 'What are you sharing?',
  title: 'Title',
  link: 'Link',
  summary: 'Summary',
  date: 'Date',
  time: 'Time',
  location: 'Location',
  cost: 'Cost',
  bookingDeadline: 'Booking deadline',
  funder: 'Funder',
  amount: 'Amount',
  deadline: 'Deadline',
  organisation: 'Your organisation',
  name: 'Your name',
  email: 'Your email',
} as const;

export type Question = keyof typeof QUESTIONS;

/** Without these a response cannot become an item. */
export const REQUIRED_QUESTIONS: readonly Question[] = ['kind', 'title'];

/**
 * Columns the form tools add by themselves (Microsoft Forms: Id … Last
 * modified time; Google Forms: Timestamp, Email Address). Their Email and
 * Name are the signed-in account, often "anonymous", so the submitter's own
 * answers are asked for instead.
 */
export const FORM_TOOL_COLUMNS = ['Id', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', 'Timestamp', 'Email Address'] as const;

/** The form tool's column that says when a response was sent, kept in `submitted_by.submitted`. */
export const SUBMITTED_COLUMNS = ['Completion time', 'Timestamp'] as const;

/** The answers to "What are you sharing?", and the few other words people use for them. */
const ANSWERS: ReadonlyArray<[ItemSection, readonly string[]]> = [
  ['research', ['research']],
  ['training', ['training or event', 'training', 'event', 'course']],
  ['funding', ['funding', 'funding opportunity', 'grant']],
  ['news', ['news', 'news from members']],
];

export const SECTION_ANSWERS: Readonly<Record<ItemSection, string>> = {
  research: 'Research',
  training: 'Training or event',
  funding: 'Funding',
  news: 'News',
};

/** The section an answer to "What are you sharing?" names, or undefined. */
export function sectionOfAnswer(answer: string): ItemSection | undefined {
  // Microsoft Forms ends each choice of a multiple-answer question with ";".
  const wanted = normaliseHeading(answer.replace(/;\s*$/u, ''));
  return ANSWERS.find(([, words]) => words.includes(wanted))?.[0];
}

/** How headings and answers are compared: case, spacing and a trailing `?` or `:` do not count. */
export function normaliseHeading(text: string): string {
  return text
    .trim()
    .replace(/\s+/gu, ' ')
    .replace(/\s*[?:]+$/u, '')
    .toLowerCase();
}
