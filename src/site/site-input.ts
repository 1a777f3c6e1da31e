import type { Config, Meeting, NetworkArea, SiteSettings } from '../config/config.js';
import type { Issue, IssueId } from '../issue/issue.js';
import type { Organisation } from '../organisations/organisation.js';
import type { IssueView } from '../render/issue-view.js';

/** Everything the website is made from: no member, no ledger, no secret ever reaches it. */
export interface SiteInput {
  network: Config['network'];
  footer: Config['footer'];
  language: string;
  timeZone: string;
  site: SiteSettings;
  /** Where people leave the list. */
  unsubscribeMailto: string;
  /** The network's own sending address: the contact for questions about data. */
  networkAddress: string;
  meetings: readonly Meeting[];
  /** How long a meeting or course without an end time lasts in its calendar file. */
  defaultEventLengthMs: number;
  /** The network's list of areas (empty: the organisations' own area names make the list). */
  areas: readonly NetworkArea[];
  /** Search synonyms, lower-case: a word also finds these. */
  synonyms: Readonly<Record<string, readonly string[]>>;
  /** Published issues, newest first. */
  issues: readonly SiteIssue[];
  /** Every organisation in the directory (not `directory: false`), in file order. */
  organisations: readonly Organisation[];
  /** When the site is built: decides which meetings are still to come, and the feeds' dates. */
  now: Date;
}

export interface SiteIssue {
  id: IssueId;
  sendAt: Date;
  /** The same view the email is rendered from (its subject, its spotlight…); its `recipient` tokens are never used. */
  view: IssueView;
  /** The issue as written: its items' organisations and dates (for profiles and the events page). */
  issue: Issue;
}
