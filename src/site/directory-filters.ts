import type { Organisation } from '../organisations/organisation.js';
import { sitePaths } from '../render/site-urls.js';
import type { DirectoryGroup } from './directory-groups.js';

/** The directory's three filters; each holds the groups a reader can pick one of. */
export interface Facets {
  areas: DirectoryGroup[];
  audiences: DirectoryGroup[];
  types: DirectoryGroup[];
}

/** What a directory page is filtered by: a group of each facet, or none. */
export interface Selection {
  area?: DirectoryGroup;
  audience?: DirectoryGroup;
  type?: DirectoryGroup;
}

export type FacetName = keyof Selection;

// Every page asks of every combination of filters which services it holds: a
// lookup per group, made once, rather than a search of its list each time.
const members = new WeakMap<DirectoryGroup, ReadonlySet<Organisation>>();

function membersOf(group: DirectoryGroup): ReadonlySet<Organisation> {
  let set = members.get(group);
  if (set === undefined) {
    set = new Set(group.organisations);
    members.set(group, set);
  }
  return set;
}

/** The organisations in every group the selection names, in the order given. */
export function selected(organisations: readonly Organisation[], selection: Selection): Organisation[] {
  const groups = [selection.area, selection.audience, selection.type].filter((group) => group !== undefined).map(membersOf);
  return organisations.filter((organisation) => groups.every((group) => group.has(organisation)));
}

/**
 * Where a selection's page is: the directory, an area's or a type's own page,
 * or `directory/AREA/AUDIENCE/TYPE/` (`any` for a filter not set) for the
 * filters together, so that they work without JavaScript on a static host.
 */
export function selectionPath(selection: Selection): string {
  const { area, audience, type } = selection;
  if (audience === undefined && type === undefined) return area === undefined ? sitePaths.services : sitePaths.area(area.slug);
  if (audience === undefined && area === undefined && type !== undefined) return sitePaths.serviceType(type.slug);
  return sitePaths.filter(area?.slug ?? 'any', audience?.slug ?? 'any', type?.slug ?? 'any');
}

/** The unfiltered selection, then every selection with at least one service: each gets a page, and every filter link leads to one. */
export function selections(organisations: readonly Organisation[], facets: Facets): Selection[] {
  const found: Selection[] = [];
  for (const area of [undefined, ...facets.areas])
    for (const audience of [undefined, ...facets.audiences])
      for (const type of [undefined, ...facets.types]) {
        const selection: Selection = { ...(area ? { area } : {}), ...(audience ? { audience } : {}), ...(type ? { type } : {}) };
        if (found.length === 0 || selected(organisations, selection).length > 0) found.push(selection);
      }
  return found;
}

/** "Services in Renfrewshire for fathers or partners: peer support": the heading says what is shown. */
export function selectionTitle(selection: Selection): string {
  const { area, audience, type } = selection;
  if (!area && !audience && !type) return 'All services';
  const where = area ? (area.slug === 'all' ? ' covering the whole network area' : ` in ${area.name}`) : '';
  return `Services${where}${audience ? ` for ${audience.name}` : ''}${type ? `: ${type.name}` : ''}`;
}
