import type { Config, Meeting } from '../config/config.js';
import type { Problem } from '../errors.js';
import { isRolling, type FundingItem, type Issue, type NewsItem, type ResearchItem, type TrainingItem } from '../issue/issue.js';
import type { Organisation } from '../organisations/organisation.js';
import { sitePaths, siteUrl } from './site-urls.js';
import { zonedDate } from '../time/zoned-time.js';
import { daysBetween, formatDate, formatMonth, unbreakable, type DateStyle } from './format-date.js';
import type {
  ContentsEntry,
  FundingView,
  IssueView,
  ItemView,
  MeetingView,
  NewsView,
  ResearchView,
  RichText,
  SpotlightView,
  TrainingView,
} from './issue-view.js';
import { isClosingSoon, keyDates } from './key-dates.js';
import { htmlToText, markdownInlineToHtml, markdownToHtml } from './markdown.js';
import { nextMeeting } from './next-meeting.js';
import { RECIPIENT_PLACEHOLDERS, stripPlaceholderMarks } from './placeholders.js';
import { shareView } from './share-view.js';
import { sortFunding, sortResearch, sortTraining } from './sort-items.js';

export interface IssueViewInput {
  issue: Issue;
  config: Config;
  organisations: readonly Organisation[];
  sendAt: Date;
}

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
  // Dates never break across lines: their spaces are no-break spaces.
  const date = (iso: string | undefined, style?: DateStyle): string | null => (iso === undefined ? null : unbreakable(formatDate(iso, language, style)));
  const site = config.site?.url;

  const item = (source: ResearchItem | TrainingItem | FundingItem | NewsItem): Omit<ItemView, 'url'> => {
    let organisationName: string | null = null;
    if (source.organisation !== undefined) {
      organisationName = byId.get(source.organisation)?.name ?? null;
      if (organisationName === null) warn(`"${source.title}" names organisation "${source.organisation}", which is not in contacts/organisations.yaml`);
    }
    return {
      title: source.title,
      summary: rich(source.summary),
      organisationName,
      carriedFrom: source.carriedFrom === undefined ? null : formatMonth(source.carriedFrom, language),
      meta: organisationName === null ? [] : [`From ${organisationName}`],
      closingSoon: false,
    };
  };

  const research = sortResearch(issue.research).map((source): ResearchView => {
    const view = item(source);
    // The weekday a paper came out says nothing; in the facts line it reads as a citation does, "Journal, 3 Nov 2026".
    const published = date(source.published, 'no-weekday');
    const publishedShort = date(source.published, 'short-no-weekday');
    const cited =
      publishedShort === null ? (source.source ?? null) : source.source === undefined ? `Published ${publishedShort}` : `${source.source}, ${publishedShort}`;
    const meta = [cited, ...view.meta];
    return { ...view, url: source.url, source: source.source ?? null, published, meta: present(meta) };
  });

  const training = sortTraining(issue.training).map((source): TrainingView => {
    const view = item(source);
    const deadline = date(source.deadline);
    const time =
      source.time === undefined
        ? null
        : unbreakable(source.endTime === undefined || source.endDate !== undefined ? source.time : `${source.time} to ${source.endTime}`);
    // The facts line is one of many on a phone's screen: its dates are short ("Thu 14 Jan 2027").
    const when = trainingWhen(
      date(source.date, 'short'),
      time,
      date(source.endDate, 'short'),
      source.endDate === undefined || source.endTime === undefined ? null : source.endTime,
    );
    const bookBy = date(source.deadline, 'short');
    const meta = [when, source.location ?? null, source.cost ?? null, bookBy === null ? null : unbreakable(`Book by ${bookBy}`), ...view.meta];
    return {
      ...view,
      url: source.url,
      date: date(source.date),
      time,
      endDate: date(source.endDate),
      location: source.location ?? null,
      cost: source.cost ?? null,
      deadline,
      closingSoon: isClosingSoon(sendDay, source.deadline),
      meta: present(meta),
    };
  });

  const funding = sortFunding(issue.funding).map((source): FundingView => {
    const view = item(source);
    const rolling = isRolling(source.deadline);
    const daysLeft = daysBetween(sendDay, source.deadline);
    if (daysLeft !== undefined && daysLeft < 0)
      warn(`the funding call "${source.title}" closed on ${source.deadline}, before the send date ${sendDay}`, 'Remove it, or correct its deadline.');
    const deadline = rolling ? 'rolling' : (date(source.deadline) ?? source.deadline);
    // A label stays with its date: "Closes" alone at the end of a line reads as if it closed now.
    const closes = rolling ? 'Open all year (rolling deadline)' : unbreakable(`Closes ${date(source.deadline, 'short') ?? source.deadline}`);
    const meta = [source.funder ?? null, source.amount ?? null, closes, ...view.meta];
    return {
      ...view,
      url: source.url,
      funder: source.funder ?? null,
      amount: source.amount ?? null,
      deadline,
      rolling,
      closingSoon: isClosingSoon(sendDay, source.deadline),
      meta: present(meta),
    };
  });

  const news = issue.news.map((source): NewsView => ({ ...item(source), url: source.url ?? null }));

  let spotlight: SpotlightView | null = null;
  if (issue.spotlight !== undefined) {
    const organisation = byId.get(issue.spotlight);
    if (organisation === undefined) warn(`the spotlight "${issue.spotlight}" is not in contacts/organisations.yaml, so the spotlight is left out`);
    else spotlight = spotlightView(organisation, issue.spotlightNote);
  }

  const meeting = issue.meeting === false ? undefined : nextMeeting(config.meetings, sendAt, config.timeZone, config.meetingsShowWithin);
  const calendarUrl = meeting === undefined || site === undefined ? null : siteUrl(site, sitePaths.meetingCalendar(meeting.date));
  const meetingView = meeting === undefined ? null : meetingViewOf(meeting, language, calendarUrl);

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
    contents: contentsOf({ research, training, funding, spotlight, news }, meeting === undefined ? null : date(meeting.date, 'short')),
    keyDates: keyDates({
      sendDay,
      training: issue.training,
      funding: issue.funding,
      meeting: meeting === undefined ? undefined : { meeting, calendarUrl },
      language,
    }),
    research,
    training,
    funding,
    spotlight,
    news,
    meeting: meetingView,
    share: shareView(issue.id, config),
    // Addresses of pages anyone may see: the issue and the join page, nothing personal.
    links: {
      webVersion: site === undefined ? null : siteUrl(site, sitePaths.issue(issue.id)),
      join: site === undefined ? null : siteUrl(site, sitePaths.join),
    },
    footer: {
      postalAddress: keepPostcode(config.footer.postalAddress),
      endorsement: config.footer.endorsement,
      unsubscribeMailto: config.unsubscribe.mailto,
    },
    recipient: RECIPIENT_PLACEHOLDERS,
  };
  // Content first loses any placeholder marks; only then do the real tokens go in.
  return { view: { ...stripPlaceholderMarks(view), recipient: RECIPIENT_PLACEHOLDERS }, problems };
}

function meetingViewOf(meeting: Meeting, language: string, calendarUrl: string | null): MeetingView {
  const time = meeting.time === undefined ? null : unbreakable(meeting.endTime === undefined ? meeting.time : `${meeting.time} to ${meeting.endTime}`);
  return {
    date: unbreakable(formatDate(meeting.date, language)),
    time,
    venue: meeting.venue ?? null,
    link: meeting.link ?? null,
    details: rich(meeting.details),
    calendarUrl,
  };
}

/** "Thursday 14 January 2027, 10:00 to 12:30", or over several days "… 09:30 to Friday 15 January 2027, 16:30". */
function trainingWhen(date: string | null, time: string | null, endDate: string | null, endTime: string | null): string | null {
  if (date === null) return null;
  const start = time === null ? date : `${date}, ${time}`;
  if (endDate === null) return start;
  return `${start} to ${endTime === null ? endDate : `${endDate}, ${unbreakable(endTime)}`}`;
}

/**
 * "In this issue": the blocks after the introduction, in the layout's order,
 * the meeting with its date ("Thu 11 Feb 2027"); the anchors are the issue
 * web page's too.
 */
function contentsOf(view: Pick<IssueView, 'research' | 'training' | 'funding' | 'spotlight' | 'news'>, meetingDay: string | null): ContentsEntry[] {
  const { research, training, funding, spotlight, news } = view;
  const entries: ContentsEntry[] = [];
  if (meetingDay !== null) entries.push({ title: `Next network meeting: ${meetingDay}`, count: null, anchor: 'next-meeting' });
  if (research.length > 0) entries.push({ title: 'Research', count: research.length, anchor: 'research' });
  if (training.length > 0) entries.push({ title: 'Training and events', count: training.length, anchor: 'training' });
  if (funding.length > 0) entries.push({ title: 'Funding opportunities', count: funding.length, anchor: 'funding' });
  if (spotlight !== null) entries.push({ title: `Service spotlight: ${spotlight.name}`, count: null, anchor: 'spotlight' });
  if (news.length > 0) entries.push({ title: 'News from members', count: news.length, anchor: 'news' });
  entries.push({ title: 'Share your news', count: null, anchor: 'share' });
  return entries;
}

/** A UK postcode ("G1 1AA") stays on one line. */
function keepPostcode(address: string): string {
  return address.replace(/\b([A-Z]{1,2}\d[A-Z\d]?) (\d[A-Z]{2})\b/gu, '$1\u00a0$2');
}

function spotlightView(organisation: Organisation, note: string | undefined): SpotlightView {
  // The structured fields, where the profile has them, say it better than the free text.
  const contact = [organisation.phone, organisation.email].filter((part) => part !== undefined).join(', ') || organisation.contact;
  const contactHtml = contact?.trim() ? markdownInlineToHtml(contact) : undefined;
  return {
    id: organisation.id,
    name: organisation.name,
    description: rich(organisation.description),
    website: organisation.website ?? null,
    areas: organisation.areas,
    services: organisation.services,
    referral: rich(organisation.refer ?? organisation.referral),
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
