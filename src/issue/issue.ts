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
}

export interface ResearchItem extends ItemBase {
  source?: string;
  /** `YYYY-MM-DD`. */
  published?: string;
}

export interface TrainingItem extends ItemBase {
  /** `YYYY-MM-DD`. */
  date?: string;
  location?: string;
  cost?: string;
  /** `YYYY-MM-DD`: booking closes. */
  deadline?: string;
}

export interface FundingItem extends ItemBase {
  funder?: string;
  amount?: string;
  /** `YYYY-MM-DD`: applications close. */
  deadline: string;
}

export type SectionName = 'research' | 'training' | 'funding';

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
  research: ResearchItem[];
  training: TrainingItem[];
  funding: FundingItem[];
  /** Markdown body: the coordinator's introduction. */
  intro: string;
}
