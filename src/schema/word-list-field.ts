import { z } from 'zod';
import { closestWord } from './closest-word.js';

/**
 * A word, or a list of words, from a fixed vocabulary, read in any case and
 * given back as the vocabulary spells it. A word outside it is a problem at
 * its own line, with the nearest word to use instead.
 */
export function wordListField<T extends string>(words: readonly T[], example: string) {
  return z.union([z.string(), z.array(z.string())], { error: `must be a word or a list of words, e.g. ${example}` }).transform((value, context) => {
    const list = typeof value === 'string' ? [value] : value;
    const known: T[] = [];
    list.forEach((word, index) => {
      const match = words.find((candidate) => candidate.toLowerCase() === word.trim().toLowerCase());
      if (match !== undefined) {
        if (!known.includes(match)) known.push(match);
        return;
      }
      const suggestion = nearest(word.trim(), words);
      context.addIssue({
        code: 'custom',
        message: `"${word}" is not one of: ${words.join(', ')}${suggestion ? `. Did you mean "${suggestion}"?` : ''}`,
        path: typeof value === 'string' ? [] : [index],
      });
    });
    return known;
  });
}

/** The only word that contains what was written ("father" → "fathers or partners"), or else one a few edits away. */
function nearest(word: string, words: readonly string[]): string | undefined {
  const stem = word.toLowerCase().replace(/s$/u, '');
  const containing = stem.length < 3 ? [] : words.filter((candidate) => candidate.toLowerCase().includes(stem));
  return containing.length === 1 ? containing[0] : closestWord(word, words);
}
