import type { Organisation } from '../organisations/organisation.js';
import { slug } from './slug.js';

export interface DirectoryGroup {
  /** As first written in organisations.yaml, e.g. "Glasgow North". */
  name: string;
  slug: string;
  organisations: Organisation[];
}

// localeCompare with a locale makes a collator for every comparison, which
// dominated the directory pages of a large site; one collator serves them all.
const names = new Intl.Collator('en', { sensitivity: 'base' });

/**
 * The areas, or the types of service, of the directory: one group per
 * distinct name (compared by slug, so "peer support" and "Peer Support" are
 * one), sorted by name, each with its organisations in directory order.
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

/** Directory order: by name, as a reader scans a list. */
export function byName(organisations: readonly Organisation[]): Organisation[] {
  return [...organisations].sort((a, b) => names.compare(a.name, b.name));
}
