import type { Organisation } from '../organisations/organisation.js';
import { closestWord } from '../schema/closest-word.js';
import { looseKey } from '../schema/loose-key.js';

export type OrganisationMatch =
  { kind: 'member'; id: string } | { kind: 'unknown'; suggestions: Organisation[] } | { kind: 'ambiguous'; candidates: Organisation[] };

/**
 * Pure: the member organisation a submitter named, by its name or id.
 * "Homestart Glasgow North", "home-start glasgow north" and
 * "Home-Start Glasgow North" are one organisation; "Cafe Stork" is
 * "Café Stork"; "Barnardos Nurture" is "Barnardo's Nurture"; a name without
 * its bracketed part ("West of Scotland Mother and Baby Unit") counts.
 */
export function matchOrganisation(typed: string, organisations: readonly Organisation[]): OrganisationMatch {
  const wanted = squeeze(looseKey(typed));
  const keysOf = (o: Organisation): string[] => [o.name, o.id, o.name.replace(/\s*\([^)]*\)\s*$/u, '')].map((text) => squeeze(looseKey(text)));
  const exact = organisations.filter((o) => keysOf(o).includes(wanted));
  if (exact.length === 1) return { kind: 'member', id: exact[0]!.id };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact };

  // A pasted page is no one's name, and comparing it letter by letter with every name would take minutes.
  if (wanted.length > MAX_NAME_LENGTH) return { kind: 'unknown', suggestions: [] };
  const byKey = new Map(organisations.flatMap((o) => keysOf(o).map((key) => [key, o] as const)));
  const close = closestWord(wanted, [...byKey.keys()]);
  const suggestions = new Set<Organisation>(close === undefined ? [] : [byKey.get(close)!]);
  // "Home-Start Glasgow" names part of "Home-Start Glasgow North": worth suggesting.
  if (wanted.length >= 4) for (const o of organisations) if (keysOf(o).some((key) => key.includes(wanted) || wanted.includes(key))) suggestions.add(o);
  // "EK Infant Feeding Project" is "East Kilbride Infant Feeding Project": most of its words, and initials for the rest.
  for (const o of organisations) if (similarWords(typed, o.name)) suggestions.add(o);
  return { kind: 'unknown', suggestions: [...suggestions].slice(0, 3) };
}

/** Longer than any organisation's name: compared exactly, never letter by letter. */
const MAX_NAME_LENGTH = 200;

/** Words that say what kind of body it is, not which one. */
const GENERIC = new Set(['and', 'for', 'the', 'project', 'group', 'team', 'service', 'services', 'network', 'centre', 'center', 'trust', 'support']);

/**
 * Whether every word typed is a word of the name or the initials of words
 * of it in a row, and at least two of them are distinctive words.
 */
function similarWords(typed: string, name: string): boolean {
  const typedWords = looseKey(typed)
    .split(' ')
    .filter((word) => word !== '');
  const nameWords = looseKey(name)
    .split(' ')
    .filter((word) => word !== '');
  const initials = nameWords.map((word) => word[0]).join('');
  let distinctive = 0;
  for (const word of typedWords) {
    if (nameWords.includes(word)) {
      if (word.length >= 3 && !GENERIC.has(word)) distinctive += 1;
    } else if (!(word.length >= 2 && word.length <= 4 && initials.includes(word))) return false;
  }
  return distinctive >= 2;
}

/** Spaces do not tell names apart either: "Homestart" is "Home-Start". */
function squeeze(key: string): string {
  return key.replace(/ /gu, '');
}
