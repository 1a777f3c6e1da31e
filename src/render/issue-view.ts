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
  /** "In this issue": the sections after the introduction, in the order they appear, with their counts and anchors. */
  contents: ContentsEntry[];
  /** Deadlines and event dates in the six weeks after sending, soonest first. */
  keyDates: KeyDateView[];
  research: ResearchView[];
  training: TrainingView[];
  funding: FundingView[];
  spotlight: SpotlightView | null;
  /** News from members, shown after the spotlight. */
  news: NewsView[];
  /** The next network meeting, when it is within `meetings.show_within` of sending. */
  meeting: MeetingView | null;
  /** How to send items for the next issue, and by when. */
  share: ShareView;
  /** Addresses on the network's website; null when `site.url` is not configured. */
  links: {
    /** This issue's web page ("View in your browser"). */
    webVersion: string | null;
    /** How to join ("Forwarded to you? Join the network"). */
    join: string | null;
  };
  footer: {
    /** With a no-break space inside the postcode, so it never splits. */
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

export interface ContentsEntry {
  /** e.g. "Research", "Service spotlight: 3D Drumchapel", "Next network meeting: Thu 11 Feb 2027", "Share your news". */
  title: string;
  /** Items in the section; null for the meeting, the spotlight and "Share your news". */
  count: number | null;
  /** The block's anchor in the email (`research` for `#research`); the issue's web page gives its sections the same ids. */
  anchor: string;
}

export interface KeyDateView {
  /** Written out without the year, e.g. "Thursday 10 December", with no-break spaces. */
  date: string;
  /** What happens, e.g. "Funding closes", "Booking closes", "Training", "Training starts", "Network meeting". */
  what: string;
  /** The item it belongs to; the meeting's venue or "Online" for the meeting. */
  title: string;
  /** Where to act: the item's link, or the meeting's calendar or joining link. */
  url: string | null;
  /** For a booking deadline, when the course runs, e.g. "training on Thursday 14 January"; otherwise null. */
  then: string | null;
  /** A deadline at most 14 days after sending. */
  closingSoon: boolean;
}

export interface ShareView {
  /** The coordinator's name from the config, or null. */
  coordinator: string | null;
  /** e.g. "Network coordinator", or null. */
  role: string | null;
  /** The submission form (`submissions.form_url`), or null: then replies are the way in. */
  formUrl: string | null;
  /** The month items are asked for, e.g. "January 2027". */
  nextMonth: string;
  /** The date items are asked for by, e.g. "Tuesday 29 December 2026". */
  deadline: string;
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
  /** A funding or booking deadline at most 14 days after sending. */
  closingSoon: boolean;
}

export interface ResearchView extends ItemView {
  source: string | null;
  published: string | null;
}

export interface TrainingView extends ItemView {
  /** The day, or the first day, e.g. "Thursday 14 January 2027". */
  date: string | null;
  /** e.g. "10:00" or "10:00 to 12:30"; null when not given. */
  time: string | null;
  /** The last day of a course over several days, or null. */
  endDate: string | null;
  location: string | null;
  cost: string | null;
  deadline: string | null;
}

export interface FundingView extends ItemView {
  funder: string | null;
  amount: string | null;
  /** Written out, or "rolling" for a fund open all year. */
  deadline: string;
  rolling: boolean;
}

/** News from members: like an item, but the link is optional. */
export interface NewsView extends Omit<ItemView, 'url'> {
  url: string | null;
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
  /** e.g. "10:00" or "10:00 to 12:30", or null when not yet set. */
  time: string | null;
  /** The place, or null for a meeting that is online only. */
  venue: string | null;
  /** The joining link of an online or hybrid meeting, or null. */
  link: string | null;
  details: RichText | null;
  /** The meeting's .ics file on the website ("Add to calendar"), or null without `site.url`. */
  calendarUrl: string | null;
}
