import { html, type SafeHtml } from './html.js';
import { relativeHref } from './relative-href.js';
import type { SiteInput } from './site-input.js';
import { sitePaths, siteUrl } from '../render/site-urls.js';

export interface Page {
  /** The page's site path, e.g. `issues/2026-12/`. */
  path: string;
  /** The page's own title, without the network's name. */
  title: string;
  /** One or two sentences: the search result and the shared link's summary. */
  description: string;
  body: SafeHtml;
  /** `article` for an issue, `website` otherwise (Open Graph). */
  kind?: 'article' | 'website';
}

const NAVIGATION: ReadonlyArray<{ path: string; label: string }> = [
  { path: sitePaths.issues, label: 'Past issues' },
  { path: sitePaths.services, label: 'Services directory' },
  { path: sitePaths.events, label: "What's on" },
  { path: sitePaths.join, label: 'Join' },
];

/**
 * The frame of every page: lang, a title that fits a browser tab and a
 * search result, Open Graph tags with absolute addresses, noindex for a
 * private site, a content security policy that allows nothing from
 * elsewhere, and the network's no-endorsement line at the foot.
 */
export function pageLayout(page: Page, input: SiteInput): string {
  const { network, site } = input;
  const href = (to: string): string => relativeHref(page.path, to);
  const url = siteUrl(site.url, page.path);
  const title = page.path === sitePaths.home ? network.name : `${page.title} – ${network.shortName}`;
  return html`<!DOCTYPE html>
<html lang="${input.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'">
<title>${shorten(title, 70)}</title>
<meta name="description" content="${page.description}">
${site.private ? html`<meta name="robots" content="noindex, nofollow">\n` : ''}<meta name="color-scheme" content="light dark">
<link rel="canonical" href="${url}">
<link rel="alternate" type="application/atom+xml" title="${network.shortName} snippet (Atom)" href="${href(sitePaths.atomFeed)}">
<link rel="alternate" type="application/rss+xml" title="${network.shortName} snippet (RSS)" href="${href(sitePaths.rssFeed)}">
<link rel="stylesheet" href="${href(sitePaths.asset('site.css'))}">
<meta property="og:type" content="${page.kind ?? 'website'}">
<meta property="og:site_name" content="${network.name}">
<meta property="og:title" content="${page.title}">
<meta property="og:description" content="${page.description}">
<meta property="og:url" content="${url}">
<meta property="og:locale" content="${input.language.replace('-', '_')}">
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="masthead">
<div class="wrap">
<p class="site-name"><a href="${href(sitePaths.home)}">${network.name}</a></p>
<nav aria-label="Site">
<ul>
${NAVIGATION.map((item) => html`<li><a href="${href(item.path)}"${isCurrent(page.path, item.path) ? html` aria-current="page"` : ''}>${item.label}</a></li>\n`)}</ul>
</nav>
</div>
</header>
<main id="content" class="wrap">
${page.body}
</main>
<footer class="site-footer">
<div class="wrap">
<p class="endorsement">${input.footer.endorsement}</p>
<p>${input.footer.postalAddress}</p>
<p class="print-only">${network.name}: ${url}</p>
<p class="screen-only"><a href="${href(sitePaths.privacy)}">Privacy</a> · <a href="${href(sitePaths.atomFeed)}">Atom feed</a> · <a href="${href(sitePaths.rssFeed)}">RSS feed</a> · <a href="${href(sitePaths.servicesJson)}">Open Referral UK data</a></p>
</div>
</footer>
</body>
</html>
`.value;
}

function isCurrent(pagePath: string, navPath: string): boolean {
  return navPath !== '' && pagePath.startsWith(navPath);
}

/** A tab shows about 60 to 70 characters; longer titles are cut at a word. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/\s+\S*$/u, '')}…`;
}
