import { closestWord } from '../schema/closest-word.js';
import { looseKey } from '../schema/loose-key.js';

/**
 * Pure: the network's areas a name not on the list most likely meant, by
 * words first, as the submissions' organisation matching does: the same
 * words in another order or spelling ("North Glasgow", "glasgow-north"),
 * words and initials ("E Renfrewshire", "Glasgow N"), a name holding an
 * area's words ("Inverclyde Council"); only then a typo ("Glasgw North").
 * More than one when the name is part of several ("Glasgow" of Glasgow North
 * and Glasgow South): not a typo for either, so none is picked.
 */
export function areaSuggestions(typed: string, names: readonly string[]): string[] {
  const typedWords = wordsOf(typed);
  if (typedWords.length === 0) return [];
  const areas = names.map((name) => ({ name, words: wordsOf(name) }));
  const pick = (test: (words: string[]) => boolean): string[] => areas.filter((area) => test(area.words)).map((area) => area.name);
  const same = pick((words) => words.length === typedWords.length && typedWords.every((word) => words.includes(word)));
  if (same.length > 0) return same;
  const covered = pick((words) => typedWords.every((word) => words.includes(word) || isInitials(word, words)));
  if (covered.length > 0) return covered;
  const holding = pick((words) => words.every((word) => typedWords.includes(word)));
  if (holding.length > 0) return holding;
  const typo = closestWord(typed, names);
  return typo === undefined ? [] : [typo];
}

function wordsOf(text: string): string[] {
  return looseKey(text)
    .split(' ')
    .filter((word) => word !== '');
}

/** "e" for East, "ek" for East Kilbride: the first letters of words of the name in a row. */
function isInitials(word: string, words: readonly string[]): boolean {
  return (
    word.length <= 4 &&
    words
      .map((w) => w[0])
      .join('')
      .includes(word)
  );
}
