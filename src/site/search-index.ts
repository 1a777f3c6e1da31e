import MiniSearch from 'minisearch';
import type { Organisation } from '../organisations/organisation.js';
import { WHOLE_AREA, type DirectoryGroup } from './directory-groups.js';
import type { ProfileText } from './profile-texts.js';

/** The fields searched, and the options the page must load the index with (they must match). */
export const SEARCH_OPTIONS = { idField: 'id', fields: ['name', 'description', 'audience', 'areas', 'services', 'referral'] } as const;

/** A match in the name counts most, then whom it is for, its areas and services, then the description and referral. */
export const SEARCH_BOOST = { name: 3, audience: 2, areas: 2, services: 2, description: 1, referral: 0.5 } as const;

export interface SearchContext {
  /** The directory's areas: a service covering the whole network area is found by each of their names. */
  areas: readonly DirectoryGroup[];
  /** Lower-case: a word searched for also finds these. */
  synonyms: Readonly<Record<string, readonly string[]>>;
}

/**
 * The directory's search index, built once here with MiniSearch and loaded
 * in the page by the same library, as a script (not fetched JSON) so that
 * search also works when the site is opened from a folder. The synonyms go
 * with it: the page widens a query with them before searching.
 */
export function searchIndexScript(organisations: readonly Organisation[], textOf: (organisation: Organisation) => ProfileText, context: SearchContext): string {
  const search = new MiniSearch({ ...SEARCH_OPTIONS, fields: [...SEARCH_OPTIONS.fields] });
  const everyArea = [...context.areas.filter((group) => group.slug !== WHOLE_AREA.slug).map((group) => group.name), WHOLE_AREA.name];
  search.addAll(
    organisations.map((organisation) => ({
      id: organisation.id,
      name: organisation.name,
      description: textOf(organisation).description,
      audience: [...(organisation.for ?? []), ...(organisation.stages ?? [])].join(' '),
      areas: (organisation.allAreas ? everyArea : organisation.areas).join(' '),
      services: organisation.services.join(' '),
      referral: textOf(organisation).referral,
    })),
  );
  const data = { options: SEARCH_OPTIONS, boost: SEARCH_BOOST, synonyms: context.synonyms, index: search.toJSON() };
  return `window.snippetSearch = ${JSON.stringify(data)};\n`;
}
