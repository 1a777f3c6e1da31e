import { readUnsubscribeQuery, verifyUnsubscribeToken } from '../mail/unsubscribe-token.js';
import { isPlainAddress } from '../contacts/plain-address.js';
import { isEmailAddress } from '../schema/mailbox.js';

/** What the server needs of one HTTP request; the body only for POST. */
export interface UnsubscribeRequest {
  method: string;
  /** The request target: path and query, e.g. `/snippet/unsubscribe?e=…&t=…`. */
  url: string;
  contentType: string | undefined;
  body: string;
}

export type UnsubscribeRoute =
  /** A GET (or HEAD) of a genuine link: show the page with one button. Never unsubscribes: mail scanners fetch links. */
  | { kind: 'confirm'; email: string; query: string }
  /** A POST of a genuine link: RFC 8058 one-click from a mail client, or the page's own button. */
  | { kind: 'unsubscribe'; email: string; via: 'one-click' | 'button' }
  /** A forged, damaged or incomplete link, or a POST that asks for nothing: one neutral answer for all. */
  | { kind: 'invalid' }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed' };

/**
 * Pure: a request in, what to do out. The token in the link is an HMAC of the
 * address (src/mail/unsubscribe-token.ts), so a valid one proves the link was
 * sent to that address; nothing else about the address is looked up, so the
 * answer never tells whether an address is on the list.
 */
export function routeUnsubscribeRequest(request: UnsubscribeRequest, settings: { secret: string; path: string }): UnsubscribeRoute {
  const url = URL.canParse(request.url, 'http://unsubscribe.invalid') ? new URL(request.url, 'http://unsubscribe.invalid') : undefined;
  // A request line no browser sends (`GET http://[`): the client's mistake, answered 400.
  if (url === undefined) return { kind: 'invalid' };
  if (trimSlash(url.pathname) !== trimSlash(settings.path)) return { kind: 'not-found' };
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return { kind: 'method-not-allowed' };

  const link = readUnsubscribeQuery(url.searchParams);
  // A plain address only: no member has any other, and anything else would go into suppressions.csv, which is opened in spreadsheets.
  if (!link || !isEmailAddress(link.email) || !isPlainAddress(link.email) || !verifyUnsubscribeToken(settings.secret, link.email, link.token))
    return { kind: 'invalid' };
  if (method !== 'POST') return { kind: 'confirm', email: link.email, query: url.search };
  const via = postIntent(request.contentType, request.body);
  return via ? { kind: 'unsubscribe', email: link.email, via } : { kind: 'invalid' };
}

/** The button posts `confirm=unsubscribe`; RFC 8058 clients post `List-Unsubscribe=One-Click`, urlencoded or multipart. */
function postIntent(contentType: string | undefined, body: string): 'one-click' | 'button' | undefined {
  if (/^multipart\/form-data/iu.test(contentType ?? '')) {
    return /name="?List-Unsubscribe"?\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n/u.test(body) ? 'one-click' : undefined;
  }
  const form = new URLSearchParams(body.trim());
  if (form.get('List-Unsubscribe') === 'One-Click') return 'one-click';
  if (form.get('confirm') === 'unsubscribe') return 'button';
  return undefined;
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/u, '') : path;
}
