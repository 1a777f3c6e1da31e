import { createHash } from 'node:crypto';

/**
 * `Glasgow North` → `glasgow-north`: for addresses and anchors; accents fold
 * to their letters. Letters with no Latin form (`北部`, `Straße`'s ß) cannot
 * be folded; rather than drop them, so that `北部` and `南部` would both be
 * `item`, the slug then ends in a short hash of the whole text: stable from
 * build to build, and different for different names.
 */
export function slug(text: string): string {
  const decomposed = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const folded = decomposed.replace(/[^a-z0-9]+/gu, '-').replace(/^-+|-+$/gu, '');
  const base = folded === '' ? 'item' : folded.slice(0, 80).replace(/-+$/u, '');
  const unfoldable = /[^a-z0-9]/u.test(decomposed.replace(/[^\p{L}\p{N}]+/gu, ''));
  return unfoldable ? `${base}-${createHash('sha256').update(text.normalize('NFC')).digest('hex').slice(0, 8)}` : base;
}

/** Hands out slugs that are unique within one page: a second "Funding" becomes `funding-2`. */
export function uniqueSlugs(): (text: string) => string {
  const used = new Map<string, number>();
  return (text) => {
    const base = slug(text);
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  };
}
