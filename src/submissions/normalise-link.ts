/** Query parameters that only say where a click came from. */
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|ocid)$/iu;

/**
 * Pure: a link reduced to what identifies the page, so that the same course
 * shared as `https://www.example.org/course/?utm_source=x` and
 * `http://example.org/course` is seen as one: no scheme, no `www.`, no
 * fragment, no tracking parameters, no trailing slash, parameters in order.
 */
export function normaliseLink(link: string): string {
  const text = link.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text.toLowerCase();
  }
  const host = url.hostname.toLowerCase().replace(/^www\./u, '');
  const port = url.port === '' ? '' : `:${url.port}`;
  const params = [...url.searchParams].filter(([key]) => !TRACKING.test(key)).sort(([a], [b]) => a.localeCompare(b));
  const search = params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`;
  const path = url.pathname.replace(/\/+$/u, '');
  return `${host}${port}${path}${search}`;
}
