/**
 * A link from one page of the site to another, relative, so the site works
 * wherever it is served: under site.url, from a shared folder, or from
 * `snippet site --serve`. Paths are site paths (`issues/2026-12/`, `feed.xml`);
 * a folder path stands for its index.html.
 */
export function relativeHref(from: string, to: string): string {
  const fromParts = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common += 1;
  const up = fromParts.length - common;
  const rest = toParts.slice(common).join('/');
  const href = `${'../'.repeat(up)}${rest}`;
  return href === '' ? './' : href;
}
