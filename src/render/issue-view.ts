import type { RecipientView } from './placeholders.js';

/**
 * What the templates see. Every field is present (absent values are null or
 * empty) so that Handlebars can run in strict mode and catch typos in
 * templates. Strings are plain text, escaped by Handlebars; `RichText.html` is
 * Markdown already made safe, for `{{{triple-stash}}}`.
 */
export interface IssueView {
  lang: string;
  subject: string;
  preheader: string;
  /** The issue's month, e.g. "December 2026". */
  month: string;
  /** The day it is sent, e.g. "Tuesday 1 December 2026". */
  sendDate: string;
  network: {
    name: string;
    shortName: string;
    website: string | null;
    logo: { url: string; alt: string; width: number } | null;
  };
  intro: RichText | null;
  research: ResearchView[];
  training: TrainingView[];
  funding: FundingView[];
  spotlight: SpotlightView | null;
  /** The next network meeting, when it is at most two months after sending. */
  meeting: MeetingView | null;
  footer: {
    postalAddress: string;
    endorsement: string;
    unsubscribeMailto: string;
  };
  recipient: RecipientView;
}

export interface RichText {
  html: string;
  /** Plain text wrapped at 78 columns. */
  text: string;
}

export interface ItemView {
  title: string;
  url: string;
  summary: RichText | null;
  organisationName: string | null;
  /** The month the item first appeared, e.g. "November 2026", when carried forward. */
  carriedFrom: string | null;
  /** Ready-made facts for the line under the title, e.g. ["Online", "Free"]. */
  meta: string[];
}

export interface ResearchView extends ItemView {
  source: string | null;
  published: string | null;
}

export interface TrainingView extends ItemView {
  date: string | null;
  location: string | null;
  cost: string | null;
  deadline: string | null;
}

export interface FundingView extends ItemView {
  funder: string | null;
  amount: string | null;
  deadline: string;
  /** The deadline is at most 14 days after the send date. */
  closingSoon: boolean;
}

export interface SpotlightView {
  id: string;
  name: string;
  description: RichText | null;
  website: string | null;
  areas: string[];
  services: string[];
  referral: RichText | null;
  /** Inline: a linkified email address or phone number. */
  contact: RichText | null;
  /** The issue's spotlight_note. */
  note: RichText | null;
}

export interface MeetingView {
  /** e.g. "Thursday 11 February 2027". */
  date: string;
  /** e.g. "10:00", or null when not yet set. */
  time: string | null;
  venue: string;
  details: RichText | null;
}
