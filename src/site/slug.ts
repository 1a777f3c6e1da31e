/** `Glasgow North` → `glasgow-north`: for addresses and anchors; accents fold to their letters. */
export function slug(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
  return folded === '' ? 'item' : folded.slice(0, 80).replace(/-+$/u, '');
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
