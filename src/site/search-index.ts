import MiniSearch from 'minisearch';
import type { Organisation } from '../organisations/organisation.js';
import type { ProfileText } from './profile-texts.js';

/** The fields searched, and the options the page must load the index with (they must match). */
export const SEARCH_OPTIONS = { idField: 'id', fields: ['name', 'description', 'areas', 'services', 'referral'] } as const;

/**
 * The directory's search index, built once here with MiniSearch and loaded
 * in the page by the same library, as a script (not fetched JSON) so that
 * search also works when the site is opened from a folder.
 */
export function searchIndexScript(organisations: readonly Organisation[], textOf: (organisation: Organisation) => ProfileText): string {
  const search = new MiniSearch({ ...SEARCH_OPTIONS, fields: [...SEARCH_OPTIONS.fields] });
  search.addAll(
    organisations.map((organisation) => ({
      id: organisation.id,
      name: organisation.name,
      description: textOf(organisation).description,
      areas: organisation.areas.join(' '),
      services: organisation.services.join(' '),
      referral: textOf(organisation).referral,
    })),
  );
  const data = { options: SEARCH_OPTIONS, index: search.toJSON() };
  return `window.snippetSearch = ${JSON.stringify(data)};\n`;
}
