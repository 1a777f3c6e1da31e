import type { Config, Meeting, SiteSettings } from '../config/config.js';
import type { IssueId } from '../issue/issue.js';
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
}
