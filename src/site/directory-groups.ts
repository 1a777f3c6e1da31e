import type { NetworkArea } from '../config/config.js';
import { ALL_AREAS, type Organisation } from '../organisations/organisation.js';
import { slug } from './slug.js';

export interface DirectoryGroup {
  /** As first written in organisations.yaml (or the config's list), e.g. "Glasgow North". */
  name: string;
  slug: string;
  organisations: Organisation[];
}

/** The filter for services that cover the whole network area (`areas: all`). */
export const WHOLE_AREA = { name: 'The whole network area', slug: ALL_AREAS } as const;

// localeCompare with a locale makes a collator for every comparison, which
// dominated the directory pages of a large site; one collator serves them all.
const names = new Intl.Collator('en', { sensitivity: 'base' });

/**
 * The types of service of the directory: one group per distinct name
 * (compared by slug, so "peer support" and "Peer Support" are one), sorted by
 * name, each with its organisations in directory order.
 */
export function directoryGroups(organisations: readonly Organisation[], field: 'areas' | 'services'): DirectoryGroup[] {
  const groups = new Map<string, DirectoryGroup>();
  for (const organisation of organisations) {
    for (const name of organisation[field]) {
      const key = slug(name);
      const group = groups.get(key) ?? { name, slug: key, organisations: [] };
      if (!group.organisations.includes(organisation)) group.organisations.push(organisation);
      groups.set(key, group);
    }
  }
  return [...groups.values()].sort((a, b) => names.compare(a.name, b.name));
}

/**
 * The areas of the directory: the network's list from the config (or else
 * every area an organisation names), sorted by name, and a service that
 * covers the whole network area (`areas: all`) is in every one of them. The
 * whole-area services also get a group of their own, last.
 */
export function areaGroups(organisations: readonly Organisation[], networkAreas: readonly NetworkArea[]): DirectoryGroup[] {
  const named = directoryGroups(organisations, 'areas');
  for (const area of networkAreas) {
    if (!named.some((group) => group.slug === slug(area.name))) named.push({ name: area.name, slug: slug(area.name), organisations: [] });
  }
  const everywhere = organisations.filter((organisation) => organisation.allAreas === true);
  const groups = named
    .map((group) => ({ ...group, organisations: organisations.filter((o) => group.organisations.includes(o) || everywhere.includes(o)) }))
    .filter((group) => group.organisations.length > 0)
    .sort((a, b) => names.compare(a.name, b.name));
  return everywhere.length > 0 ? [...groups, { ...WHOLE_AREA, organisations: everywhere }] : groups;
}

/** Directory order: by name, as a reader scans a list. */
export function byName(organisations: readonly Organisation[]): Organisation[] {
  return [...organisations].sort((a, b) => names.compare(a.name, b.name));
}
