import type { NetworkArea } from '../config/config.js';
import type { Problem } from '../errors.js';
import { areaSuggestions } from './area-suggestions.js';
import type { Organisation } from './organisation.js';

export interface MatchedAreas {
  /** The organisations, their areas spelled as the config's list spells them. */
  organisations: Organisation[];
  problems: Problem[];
}

/**
 * Pure: with the network's list of areas in the config, every organisation's
 * areas must come from it (in any case); each one that does not is an error
 * at its line, with the name on the list it most likely meant (by words,
 * then letters), or, for part of several names, those names. Without a list,
 * areas stay free text.
 */
export function matchAreas(
  organisations: readonly Organisation[],
  networkAreas: readonly NetworkArea[],
  lineOfField: (id: string, field: string) => number | undefined,
  file: string,
): MatchedAreas {
  if (networkAreas.length === 0) return { organisations: [...organisations], problems: [] };
  const names = networkAreas.map((area) => area.name);
  const byKey = new Map(names.map((name) => [name.toLowerCase(), name]));
  const problems: Problem[] = [];
  const matched = organisations.map((organisation) => {
    const areas: string[] = [];
    for (const area of organisation.areas) {
      const name = byKey.get(area.trim().toLowerCase());
      if (name !== undefined) {
        if (!areas.includes(name)) areas.push(name);
        continue;
      }
      const line = lineOfField(organisation.id, 'areas');
      problems.push({
        severity: 'error',
        file,
        ...(line === undefined ? {} : { line }),
        message: `${organisation.name}: "${area}" is not one of the network's areas in snippet.config.yaml`,
        hint: `${meant(area, areaSuggestions(area, names))}The areas are: ${names.join(', ')}; "all" means the whole network area. A new area goes in the config's areas: list first.`,
      });
    }
    return { ...organisation, areas };
  });
  return { organisations: matched, problems };
}

/** The start of the hint: the one area meant, or the several a name is part of. */
function meant(area: string, suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  if (suggestions.length === 1) return `Did you mean "${suggestions[0]!}"? `;
  return `"${area}" is part of more than one area (${suggestions.join(', ')}): write each one it covers, e.g. areas: [${suggestions.join(', ')}]. `;
}
