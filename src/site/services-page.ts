import type { Organisation } from '../organisations/organisation.js';
import { byName, type DirectoryGroup } from './directory-groups.js';
import { html, type SafeHtml } from './html.js';
import type { Page } from './page-layout.js';
import type { ProfileText } from './profile-texts.js';
import { relativeHref } from './relative-href.js';
import type { SiteInput } from './site-input.js';
import { sitePaths } from '../render/site-urls.js';

export interface Directory {
  areas: DirectoryGroup[];
  types: DirectoryGroup[];
  /** Each organisation's profile as plain text, made once for the whole site. */
  textOf: (organisation: Organisation) => ProfileText;
}

/**
 * The directory's index. Filtering works without JavaScript: every area and
 * every type of service is a link to its own page. With JavaScript a search
 * box (MiniSearch, served from this site) narrows the list as you type.
 */
export function servicesPage(input: SiteInput, directory: Directory): Page {
  const path = sitePaths.services;
  const to = (target: string): string => relativeHref(path, target);
  return {
    path,
    title: 'Services directory',
    description: `Member services of the ${input.network.name}: what each offers, the areas it covers and how to refer a family.`,
    body: html`<h1>Services directory</h1>
<p class="lead">The network's member organisations: what each offers to parents in pregnancy and the first year, the areas it covers, and how to refer a family.</p>
<p class="endorsement">${input.footer.endorsement}</p>
<form class="search" role="search" hidden>
<label for="search">Search the services</label>
<div class="search-row"><input id="search" name="q" type="search" autocomplete="off" aria-describedby="search-count"> <button type="submit">Search</button></div>
<p id="search-count" class="meta" aria-live="polite"></p>
</form>
${filterNav(directory, to)}
<h2 id="all-services">All services</h2>
${serviceList(byName(input.organisations), path, directory.textOf)}
<script src="${to(sitePaths.asset('minisearch.js'))}" defer></script>
<script src="${to(sitePaths.asset('search-index.js'))}" defer></script>
<script src="${to(sitePaths.asset('search.js'))}" defer></script>
`,
  };
}

/** One area's or one type's page: the same list, filtered, made at build time. */
export function filteredServicesPage(input: SiteInput, directory: Directory, group: DirectoryGroup, kind: 'area' | 'type'): Page {
  const path = kind === 'area' ? sitePaths.area(group.slug) : sitePaths.serviceType(group.slug);
  const to = (target: string): string => relativeHref(path, target);
  const title = kind === 'area' ? `Services in ${group.name}` : `Services: ${group.name}`;
  const count = group.organisations.length;
  return {
    path,
    title,
    description: `${count} member service${count === 1 ? '' : 's'} of the ${input.network.name} ${kind === 'area' ? `covering ${group.name}` : `offering ${group.name}`}.`,
    body: html`<p class="breadcrumb"><a href="${to(sitePaths.services)}">Services directory</a></p>
<h1>${title}</h1>
<p class="endorsement">${input.footer.endorsement}</p>
<p>${count} service${count === 1 ? '' : 's'}. <a href="${to(sitePaths.services)}">Show all services</a></p>
${serviceList(byName(group.organisations), path, directory.textOf)}
${filterNav(directory, to)}`,
  };
}

function filterNav(directory: Directory, to: (path: string) => string): SafeHtml {
  return html`${
    directory.areas.length > 0
      ? html`<nav class="filters" aria-label="Filter by area">
<h2>By area</h2>
<ul>
${directory.areas.map((group) => html`<li><a href="${to(sitePaths.area(group.slug))}">${group.name}</a> <span class="meta">(${group.organisations.length})</span></li>\n`)}</ul>
</nav>
`
      : ''
  }${
    directory.types.length > 0
      ? html`<nav class="filters" aria-label="Filter by type of service">
<h2>By type of service</h2>
<ul>
${directory.types.map((group) => html`<li><a href="${to(sitePaths.serviceType(group.slug))}">${group.name}</a> <span class="meta">(${group.organisations.length})</span></li>\n`)}</ul>
</nav>
`
      : ''
  }`;
}

function serviceList(organisations: readonly Organisation[], from: string, textOf: (organisation: Organisation) => ProfileText): SafeHtml {
  if (organisations.length === 0) return html`<p>No services are listed yet.</p>\n`;
  return html`<ul class="services" id="services">
${organisations.map(
  (organisation) => html`<li data-id="${organisation.id}"><h3><a href="${relativeHref(from, sitePaths.service(organisation.id))}">${organisation.name}</a></h3>
${organisation.areas.length > 0 ? html`<p class="meta">Areas: ${organisation.areas.join(', ')}</p>\n` : ''}${organisation.services.length > 0 ? html`<p class="meta">Services: ${organisation.services.join(', ')}</p>\n` : ''}${
    organisation.description ? html`<p>${firstSentences(textOf(organisation).description)}</p>\n` : ''
  }</li>
`,
)}</ul>
`;
}

/** A line or two of the description, for the list. */
function firstSentences(description: string): string {
  const text = description.replace(/\s+/gu, ' ').trim();
  return text.length <= 200 ? text : `${text.slice(0, 199).replace(/\s+\S*$/u, '')}…`;
}
