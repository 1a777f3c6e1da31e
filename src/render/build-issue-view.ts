import type { Config } from '../config/config.js';
import type { Problem } from '../errors.js';
import { isRolling, type FundingItem, type Issue, type ResearchItem, type TrainingItem } from '../issue/issue.js';
import type { Organisation } from '../organisations/organisation.js';
import { zonedDate } from '../time/zoned-time.js';
import { daysBetween, formatDate, formatMonth } from './format-date.js';
import type { FundingView, IssueView, ItemView, MeetingView, ResearchView, RichText, SpotlightView, TrainingView } from './issue-view.js';
import { htmlToText, markdownInlineToHtml, markdownToHtml } from './markdown.js';
import { nextMeeting } from './next-meeting.js';
import { RECIPIENT_PLACEHOLDERS, stripPlaceholderMarks } from './placeholders.js';
import { sortFunding, sortResearch, sortTraining } from './sort-items.js';

export interface IssueViewInput {
  issue: Issue;
  config: Config;
  organisations: readonly Organisation[];
  sendAt: Date;
}

/** Funding whose deadline is this many days or fewer after sending is flagged. */
export const CLOSING_SOON_DAYS = 14;

/**
 * Pure: the issue and its surroundings → what the templates see. Markdown is
 * converted here, once, to safe HTML and to plain text. Problems are warnings
 * about things the email cannot show well (an unknown organisation id, a
 * deadline that has passed by the send date); validation proper is
 * `snippet check`'s job.
 */
export function buildIssueView(input: IssueViewInput): { view: IssueView; problems: Problem[] } {
  const { issue, config, organisations, sendAt } = input;
  const language = config.language;
  const sendDay = zonedDate(sendAt, config.timeZone);
  const byId = new Map(organisations.map((organisation) => [organisation.id, organisation]));
  const problems: Problem[] = [];
  const warn = (message: string, hint?: string): void => {
    problems.push({ severity: 'warning', file: issue.file, message, ...(hint ? { hint } : {}) });
  };
  const date = (iso: string | undefined): string | null => (iso === undefined ? null : formatDate(iso, language));

  const item = (source: ResearchItem | TrainingItem | FundingItem): ItemView => {
    let organisationName: string | null = null;
    if (source.organisation !== undefined) {
      organisationName = byId.get(source.organisation)?.name ?? null;
      if (organisationName === null) warn(`"${source.title}" names organisation "${source.organisation}", which is not in contacts/organisations.yaml`);
    }
    return {
      title: source.title,
      url: source.url,
      summary: rich(source.summary),
      organisationName,
      carriedFrom: source.carriedFrom === undefined ? null : formatMonth(source.carriedFrom, language),
      meta: organisationName === null ? [] : [`From ${organisationName}`],
    };
  };

  const research = sortResearch(issue.research).map((source): ResearchView => {
    const view = item(source);
    const published = date(source.published);
    const meta = [source.source ?? null, published === null ? null : `Published ${published}`, ...view.meta];
    return { ...view, source: source.source ?? null, published, meta: present(meta) };
  });

  const training = sortTraining(issue.training).map((source): TrainingView => {
    const view = item(source);
    const deadline = date(source.deadline);
    const meta = [date(source.date), source.location ?? null, source.cost ?? null, deadline === null ? null : `Book by ${deadline}`, ...view.meta];
    return { ...view, date: date(source.date), location: source.location ?? null, cost: source.cost ?? null, deadline, meta: present(meta) };
  });

  const funding = sortFunding(issue.funding).map((source): FundingView => {
    const view = item(source);
    const daysLeft = daysBetween(sendDay, source.deadline);
    if (daysLeft !== undefined && daysLeft < 0) warn(`the funding call "${source.title}" closed on ${source.deadline}, before the send date ${sendDay}`, 'Remove it, or correct its deadline.');
    const deadline = isRolling(source.deadline) ? 'rolling' : formatDate(source.deadline, language);
    const meta = [source.funder ?? null, source.amount ?? null, isRolling(source.deadline) ? 'Open all year (rolling deadline)' : `Closes ${deadline}`, ...view.meta];
    return {
      ...view,
      funder: source.funder ?? null,
      amount: source.amount ?? null,
      deadline,
      closingSoon: daysLeft !== undefined && daysLeft >= 0 && daysLeft <= CLOSING_SOON_DAYS,
      meta: present(meta),
    };
  });

  let spotlight: SpotlightView | null = null;
  if (issue.spotlight !== undefined) {
    const organisation = byId.get(issue.spotlight);
    if (organisation === undefined) warn(`the spotlight "${issue.spotlight}" is not in contacts/organisations.yaml, so the spotlight is left out`);
    else spotlight = spotlightView(organisation, issue.spotlightNote);
  }

  const meeting = issue.meeting === false ? undefined : nextMeeting(config.meetings, sendAt, config.timeZone);
  const meetingView: MeetingView | null =
    meeting === undefined ? null : { date: formatDate(meeting.date, language), time: meeting.time ?? null, venue: meeting.venue ?? meeting.link ?? '', details: rich(meeting.details) };

  const intro = rich(issue.intro);
  const view: IssueView = {
    lang: language,
    subject: issue.subject,
    preheader: issue.preheader ?? fallbackPreheader(intro, config.network.name),
    month: formatMonth(issue.id, language),
    sendDate: formatDate(sendDay, language),
    network: {
      name: config.network.name,
      shortName: config.network.shortName,
      website: config.network.website ?? null,
      logo: config.network.logo ?? null,
    },
    intro,
    research,
    training,
    funding,
    spotlight,
    meeting: meetingView,
    footer: {
      postalAddress: config.footer.postalAddress,
      endorsement: config.footer.endorsement,
      unsubscribeMailto: config.unsubscribe.mailto,
    },
    recipient: RECIPIENT_PLACEHOLDERS,
  };
  // Content first loses any placeholder marks; only then do the real tokens go in.
  return { view: { ...stripPlaceholderMarks(view), recipient: RECIPIENT_PLACEHOLDERS }, problems };
}

function spotlightView(organisation: Organisation, note: string | undefined): SpotlightView {
  const contactHtml = organisation.contact?.trim() ? markdownInlineToHtml(organisation.contact) : undefined;
  return {
    id: organisation.id,
    name: organisation.name,
    description: rich(organisation.description),
    website: organisation.website ?? null,
    areas: organisation.areas,
    services: organisation.services,
    referral: rich(organisation.referral),
    contact: contactHtml === undefined ? null : { html: contactHtml, text: htmlToText(contactHtml) },
    note: rich(note),
  };
}

function rich(markdown: string | undefined): RichText | null {
  if (markdown === undefined || markdown.trim() === '') return null;
  const html = markdownToHtml(markdown);
  return { html, text: htmlToText(html) };
}

/** Without a preheader, inboxes show the first words of the email: make them the intro's. */
function fallbackPreheader(intro: RichText | null, networkName: string): string {
  const text = intro?.text.replace(/\s+/gu, ' ').trim() ?? '';
  if (text === '') return `News from the ${networkName}`;
  if (text.length <= 140) return text;
  return `${text.slice(0, 140).replace(/\s+\S*$/u, '')}…`;
}

function present(values: readonly (string | null)[]): string[] {
  return values.filter((value): value is string => value !== null && value.trim() !== '');
}
