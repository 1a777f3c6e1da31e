import { areaGroups, directoryGroups } from './directory-groups.js';
import { feeds } from './feeds.js';
import { homePage } from './home-page.js';
import { issuePage } from './issue-page.js';
import { issuesPage } from './issues-page.js';
import { joinPage } from './join-page.js';
import { eventCalendar } from './event-calendar.js';
import { eventsPage } from './events-page.js';
import { meetingEvent, upcomingEvents } from './upcoming-events.js';
import { organisationItems } from './organisation-items.js';
import { openReferralPage, openReferralService } from './open-referral.js';
import { pageLayout, type Page } from './page-layout.js';
import { privacyPage } from './privacy-page.js';
import { profileTexts } from './profile-texts.js';
import { searchIndexScript } from './search-index.js';
import { COPY_SCRIPT, SEARCH_SCRIPT, SITE_CSS } from './site-assets.js';
import type { SiteInput } from './site-input.js';
import { sitePaths } from '../render/site-urls.js';
import { robotsTxt, sitemap } from './sitemap.js';
import { audienceGroups, directoryPage, type Directory } from './services-page.js';
import { selections } from './directory-filters.js';
import { servicePage } from './service-page.js';

export interface SiteFile {
  /** Relative to the site's folder, e.g. `issues/2026-12/index.html`. */
  name: string;
  data: string;
}

/** Library code served from the site itself, read by the caller (no third-party requests). */
export interface SiteLibraries {
  /** MiniSearch's browser build, with its licence. */
  minisearch: string;
}

/**
 * Pure: the whole website as files, from published issues, the directory's
 * organisations and the config. Every page lives at its `sitePaths` address
 * (as `index.html` in that folder), so the links in the email resolve.
 */
export function buildSite(input: SiteInput, libraries: SiteLibraries): SiteFile[] {
  const inDirectory = new Set(input.organisations.map((organisation) => organisation.id));
  const textOf = profileTexts();
  const itemsOf = organisationItems(input.issues);
  const directory: Directory = {
    areas: areaGroups(input.organisations, input.areas),
    audiences: audienceGroups(input.organisations),
    types: directoryGroups(input.organisations, 'services'),
    textOf,
  };
  const base = input.site.url;
  const events = upcomingEvents(input.meetings, input.issues, { base, networkName: input.network.name, now: input.now, timeZone: input.timeZone });
  const calendar = { shortName: input.network.shortName, timeZone: input.timeZone, now: input.now, defaultLengthMs: input.defaultEventLengthMs };
  const pages: Page[] = [
    homePage(input),
    issuesPage(input),
    ...input.issues.map((issue, index) => issuePage(issue, { newer: input.issues[index - 1], older: input.issues[index + 1] }, inDirectory)),
    ...selections(input.organisations, directory).map((selection) => directoryPage(input, directory, selection)),
    ...input.organisations.map((organisation) => servicePage(input, organisation, textOf(organisation), itemsOf(organisation.id))),
    eventsPage(input, events),
    joinPage(input),
    privacyPage(input),
  ];
  const services = input.organisations.map((organisation) => openReferralService(base, organisation, textOf(organisation), input.network.name, input.areas));
  const { atom, rss } = feeds(input, inDirectory);
  return [
    ...pages.map((page) => ({ name: `${page.path}index.html`, data: pageLayout(page, input) })),
    { name: sitePaths.atomFeed, data: atom },
    { name: sitePaths.rssFeed, data: rss },
    {
      name: sitePaths.sitemap,
      data: sitemap(
        base,
        pages.map((page) => page.path),
      ),
    },
    { name: 'robots.txt', data: robotsTxt(base, input.site.private, sitePaths.sitemap) },
    { name: sitePaths.servicesJson, data: json(openReferralPage(services)) },
    ...services.map((service) => ({ name: sitePaths.serviceJson(service.id), data: json(service) })),
    ...input.meetings
      .map((meeting) => meetingEvent(meeting, base, input.network.name))
      .map(({ calendarPath, event }) => ({ name: calendarPath, data: eventCalendar(event, calendar) })),
    ...events.filter((event) => event.kind === 'training').map(({ calendarPath, event }) => ({ name: calendarPath, data: eventCalendar(event, calendar) })),
    { name: sitePaths.asset('site.css'), data: SITE_CSS },
    { name: sitePaths.asset('search.js'), data: SEARCH_SCRIPT },
    { name: sitePaths.asset('copy.js'), data: COPY_SCRIPT },
    { name: sitePaths.asset('search-index.js'), data: searchIndexScript(input.organisations, textOf, { areas: directory.areas, synonyms: input.synonyms }) },
    { name: sitePaths.asset('minisearch.js'), data: libraries.minisearch },
  ];
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
