import { AUDIENCES, type Organisation } from '../organisations/organisation.js';
import { byName, type DirectoryGroup } from './directory-groups.js';
import { selected, selectionPath, selectionTitle, type Facets, type FacetName, type Selection } from './directory-filters.js';
import { html, type SafeHtml } from './html.js';
import type { Page } from './page-layout.js';
import type { ProfileText } from './profile-texts.js';
import { capitalise, contactLine } from './referral-facts.js';
import { relativeHref } from './relative-href.js';
import type { SiteInput } from './site-input.js';
import { sitePaths } from '../render/site-urls.js';
import { slug } from './slug.js';

export interface Directory extends Facets {
  /** Each organisation's profile as plain text, made once for the whole site. */
  textOf: (organisation: Organisation) => ProfileText;
}

/** Who a service is for, as filter groups, in the vocabulary's order. */
export function audienceGroups(organisations: readonly Organisation[]): DirectoryGroup[] {
  return AUDIENCES.map((audience) => ({
    name: audience,
    slug: slug(audience),
    organisations: organisations.filter((organisation) => organisation.for?.includes(audience)),
  })).filter((group) => group.organisations.length > 0);
}

/**
 * A page of the directory: every service, or those of one selection of area,
 * audience and type. The results come first (on a phone, before the filter
 * lists), under a heading that says what is shown; the filters are links to
 * the pages of other selections, so they work together without JavaScript.
 * The unfiltered page also has the search box (MiniSearch, served from this
 * site, with JavaScript).
 */
export function directoryPage(input: SiteInput, directory: Directory, selection: Selection): Page {
  const path = selectionPath(selection);
  const to = (target: string): string => relativeHref(path, target);
  const index = path === sitePaths.services;
  const shown = byName(selected(input.organisations, selection));
  const title = index ? 'Services directory' : selectionTitle(selection);
  const count = `${shown.length} service${shown.length === 1 ? '' : 's'}`;
  return {
    path,
    title,
    description: index
      ? `Member services of the ${input.network.name}: whom each is for, the areas it covers and how to refer a family.`
      : `${count} of the ${input.network.name}: ${selectionTitle(selection).replace(/^Services:? ?/u, '') || 'all'}.`,
    body: html`${index ? '' : html`<p class="breadcrumb"><a href="${to(sitePaths.services)}">Services directory</a></p>\n`}<h1>${title}</h1>
${
  index
    ? html`<p class="lead">Whom each member service is for, the areas it covers, and how to refer a family.</p>
<form class="search" role="search" hidden>
<label for="search">Search the services</label>
<div class="search-row"><input id="search" name="q" type="search" autocomplete="off" aria-describedby="search-hint"> <button type="submit">Search</button></div>
<p id="search-hint" class="meta">For example: dad Renfrewshire, postnatal depression, peer support.</p>
</form>
`
    : ''
}<p class="screen-only"><a href="#filters">Filter by area, whom it is for, or type of service</a>${index ? '' : html` · <a href="${to(sitePaths.services)}">Show all services</a>`}</p>
<h2 id="results" aria-live="polite">${index ? 'All services' : 'Results'} (${shown.length})</h2>
${serviceList(shown, path, directory.textOf)}<div id="no-results" class="note" hidden><p></p><p>Try fewer words or another spelling, or <a href="#filters">filter by area or whom it is for</a>. Every service covering the whole network area is listed under each area.</p></div>
${filterNav(directory, selection, input.organisations, to)}<p class="endorsement">${input.footer.endorsement}</p>
${
  index
    ? html`<script src="${to(sitePaths.asset('minisearch.js'))}" defer></script>
<script src="${to(sitePaths.asset('search-index.js'))}" defer></script>
<script src="${to(sitePaths.asset('search.js'))}" defer></script>
`
    : ''
}`,
  };
}

const FACETS: ReadonlyArray<{ facet: FacetName; from: keyof Facets; label: string; all: string }> = [
  { facet: 'area', from: 'areas', label: 'By area', all: 'Any area' },
  { facet: 'audience', from: 'audiences', label: 'Whom it is for', all: 'Anyone' },
  { facet: 'type', from: 'types', label: 'By type of service', all: 'Any type' },
];

/** The three filters: each link changes one filter and keeps the others; only choices with services are offered. */
function filterNav(directory: Directory, selection: Selection, organisations: readonly Organisation[], to: (path: string) => string): SafeHtml {
  const sections = FACETS.filter(({ from }) => directory[from].length > 0).map(({ facet, from, label, all }) => {
    const current = selection[facet];
    const choices = [undefined, ...directory[from]]
      .map((group) => ({ group, count: selected(organisations, { ...selection, [facet]: group }).length }))
      .filter(({ count }) => count > 0);
    return html`<h3 id="filter-${facet}">${label}</h3>
<ul>
${choices.map(({ group, count }) => {
  const target = to(selectionPath({ ...selection, [facet]: group }));
  const name = group === undefined ? all : capitalise(group.name);
  return html`<li><a href="${target}"${group === current ? html` aria-current="page"` : ''}>${name}</a> <span class="meta">(${count})</span></li>\n`;
})}</ul>
`;
  });
  return html`<nav class="filters" id="filters" aria-label="Filter the services">
<h2>Filter the services</h2>
${sections}</nav>
`;
}

function serviceList(organisations: readonly Organisation[], from: string, textOf: (organisation: Organisation) => ProfileText): SafeHtml {
  if (organisations.length === 0) return html`<p>No services are listed yet.</p>\n`;
  return html`<ul class="services" id="services">
${organisations.map(
  (organisation) => html`<li data-id="${organisation.id}"><h3><a href="${relativeHref(from, sitePaths.service(organisation.id))}">${organisation.name}</a></h3>
${organisation.for ? html`<p class="meta">For ${organisation.for.join(', ')}</p>\n` : ''}${
    organisation.allAreas
      ? html`<p class="meta">Areas: the whole network area</p>\n`
      : organisation.areas.length > 0
        ? html`<p class="meta">Areas: ${organisation.areas.join(', ')}</p>\n`
        : ''
  }${organisation.services.length > 0 ? html`<p class="meta">Services: ${organisation.services.join(', ')}</p>\n` : ''}${
    organisation.description ? html`<p>${firstSentences(textOf(organisation).description)}</p>\n` : ''
  }${contactLine(organisation) ? html`<p class="reach">${contactLine(organisation)}</p>\n` : ''}${
    textOf(organisation).referral ? html`<p class="print-only">How to refer: ${firstSentences(textOf(organisation).referral)}</p>\n` : ''
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
