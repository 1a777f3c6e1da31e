import type { NetworkArea } from '../config/config.js';
import type { Problem } from '../errors.js';
import { closestWord } from '../schema/closest-word.js';
import type { Organisation } from './organisation.js';

export interface MatchedAreas {
  /** The organisations, their areas spelled as the config's list spells them. */
  organisations: Organisation[];
  problems: Problem[];
}

/**
 * Pure: with the network's list of areas in the config, every organisation's
 * areas must come from it (in any case); each one that does not is an error
 * at its line, with the nearest name on the list. Without a list, areas stay
 * free text.
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
      const suggestion = closestWord(area, names);
      const line = lineOfField(organisation.id, 'areas');
      problems.push({
        severity: 'error',
        file,
        ...(line === undefined ? {} : { line }),
        message: `${organisation.name}: "${area}" is not one of the network's areas in snippet.config.yaml`,
        hint: `${suggestion ? `Did you mean "${suggestion}"? ` : ''}The areas are: ${names.join(', ')}; "all" means the whole network area. A new area goes in the config's areas: list first.`,
      });
    }
    return { ...organisation, areas };
  });
  return { organisations: matched, problems };
}
