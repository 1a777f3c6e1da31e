import type { IssueId } from '../issue/issue.js';

/**
 * Where the website (`snippet site`) puts each page, relative to `site.url`
 * (which always ends in `/`). The email links to these addresses, so the
 * website and the email must agree: both take them from here.
 */
export const sitePaths = {
  home: '',
  issue: (id: IssueId) => `issues/${id}/`,
  issues: 'issues/',
  join: 'join/',
  privacy: 'privacy/',
  services: 'services/',
  service: (organisationId: string) => `services/${organisationId}/`,
  meetingCalendar: (date: string) => `meetings/${date}.ics`,
  /** What's on: upcoming training and meetings, and each course's calendar file. */
  events: 'events/',
  eventCalendar: (id: string) => `events/${id}.ics`,
  atomFeed: 'feed.xml',
  rssFeed: 'rss.xml',
  sitemap: 'sitemap.xml',
  /** The directory filtered to one area, and to one type of service. */
  area: (slug: string) => `areas/${slug}/`,
  serviceType: (slug: string) => `service-types/${slug}/`,
  /** The directory filtered by area, audience and type together (`any` where a filter is not set). */
  filter: (area: string, audience: string, type: string) => `directory/${area}/${audience}/${type}/`,
  /** Open Referral UK: like `GET /services` and `GET /services/{id}` (the service's UUID). */
  servicesJson: 'services.json',
  serviceJson: (uuid: string) => `services/${uuid}.json`,
  asset: (name: string) => `assets/${name}`,
} as const;

/** An absolute address on the website. */
export function siteUrl(base: string, path: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${path}`;
}
