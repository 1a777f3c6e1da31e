/**
 * Pure: text as people mean it, for telling whether two names or titles are
 * the same: case, accents, apostrophes, "&" and punctuation do not count, nor
 * a leading "The".
 */
export function looseKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/gu, '')
    .replace(/&/gu, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /u, '');
}
