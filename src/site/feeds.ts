import { Feed } from 'feed';
import { escapeHtml } from '../render/escape-html.js';
import { issueContent } from './issue-content.js';
import type { SiteInput } from './site-input.js';
import { sitePaths, siteUrl } from '../render/site-urls.js';
import { xmlSafe } from './xml-safe.js';

/** How many issues a feed carries: five years of monthly issues, enough for any reader. */
export const FEED_ISSUES = 60;

/**
 * The Atom feed and the RSS 2.0 feed of published issues, newest first, with
 * each issue's full content and absolute addresses from site.url. A feed's
 * date is its newest issue's, so building the site again changes nothing.
 */
export function feeds(input: SiteInput, inDirectory: ReadonlySet<string>): { atom: string; rss: string } {
  const base = input.site.url;
  const absolute = (path: string): string => siteUrl(base, path);
  const feed = new Feed({
    id: base,
    link: base,
    title: `${input.network.name}: the snippet`,
    description: `The monthly snippet of the ${input.network.name}: research, training, funding and a service spotlight.`,
    language: input.language,
    updated: input.issues[0]?.sendAt ?? new Date(0),
    generator: 'snippet',
    copyright: input.network.name,
    feedLinks: { atom: absolute(sitePaths.atomFeed), rss: absolute(sitePaths.rssFeed) },
    author: { name: input.network.name, link: base },
  });
  for (const issue of input.issues.slice(0, FEED_ISSUES)) {
    const link = absolute(sitePaths.issue(issue.id));
    // The feed library marks an item's title and summary as HTML: plain text must arrive escaped.
    feed.addItem({
      title: escapeHtml(issue.view.subject),
      id: link,
      link,
      date: issue.sendAt,
      published: issue.sendAt,
      description: escapeHtml(issue.view.preheader),
      content: issueContent(issue, { to: absolute, inDirectory }).value,
    });
  }
  return { atom: xmlSafe(feed.atom1()), rss: xmlSafe(feed.rss2()) };
}
