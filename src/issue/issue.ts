/** `YYYY-MM`: an issue is named after the month it is sent in. */
export type IssueId = string;

export type IssueStatus = 'draft' | 'approved';

interface ItemBase {
  title: string;
  /** http or https. */
  url: string;
  /** Markdown. */
  summary?: string;
  /** A member organisation's id. */
  organisation?: string;
  /** The issue (`YYYY-MM`) this item was first published in, when `snippet new` carried it forward. */
  carriedFrom?: IssueId;
  /** Who sent it through the members' form; for the coordinator only, never rendered. */
  submittedBy?: SubmittedBy;
}

export interface SubmittedBy {
  name?: string;
  email?: string;
  /** The organisation as the submitter typed it. */
  organisation?: string;
  /** When the form was submitted, as the form tool wrote it. */
  submitted?: string;
  /** The form tool's own number for the response (Microsoft Forms' `Id`): two responses sent in the same second are still two. */
  response?: string;
}

export interface ResearchItem extends ItemBase {
  source?: string;
  /** `YYYY-MM-DD`. */
  published?: string;
}

export interface TrainingItem extends ItemBase {
  /** `YYYY-MM-DD`: the (first) day. */
  date?: string;
  /** Local `HH:MM` on `date`. */
  time?: string;
  /** `YYYY-MM-DD`: the last day of a course that runs over several days. */
  endDate?: string;
  /** Local `HH:MM`: when it ends. */
  endTime?: string;
  location?: string;
  cost?: string;
  /** `YYYY-MM-DD`: booking closes. */
  deadline?: string;
}

export interface FundingItem extends ItemBase {
  funder?: string;
  amount?: string;
  /** `YYYY-MM-DD` when applications close, or `rolling` for a fund open all year. */
  deadline: string;
}

/** A funding `deadline` for a fund that is open all year. */
export const ROLLING = 'rolling';

export function isRolling(deadline: string): deadline is typeof ROLLING {
  return deadline === ROLLING;
}

/** News from members: a link is optional. */
export interface NewsItem {
  title: string;
  url?: string;
  summary?: string;
  organisation?: string;
  carriedFrom?: IssueId;
  submittedBy?: SubmittedBy;
}

export type SectionName = 'research' | 'training' | 'funding';

/** Every section of items, in the order of the email; `news` is "News from members". */
export const ITEM_SECTIONS = ['research', 'training', 'funding', 'news'] as const;

export type ItemSection = (typeof ITEM_SECTIONS)[number];

/** One monthly issue, from `issues/YYYY-MM.md`. */
export interface Issue {
  id: IssueId;
  /** Workspace-relative path, e.g. `issues/2026-12.md`. */
  file: string;
  subject: string;
  preheader?: string;
  /** As written; see `sendAt` in IssueTiming for the instant. */
  sendAtText?: string;
  status: IssueStatus;
  /** Send only to members in these lists; all members when absent. */
  lists?: string[];
  spotlight?: string;
  /** Markdown added to the spotlight organisation's profile. */
  spotlightNote?: string;
  /** False leaves out the "next network meeting" block. */
  meeting?: boolean;
  /** False keeps a published issue off the website's archive (default true). */
  archive: boolean;
  research: ResearchItem[];
  training: TrainingItem[];
  funding: FundingItem[];
  /** News from members (optional section, shown after the spotlight). */
  news: NewsItem[];
  /** Markdown body: the coordinator's introduction. */
  intro: string;
}
