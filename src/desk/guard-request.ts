import { timingSafeEqual } from 'node:crypto';

/** What the guard needs of a request. */
export interface GuardedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
}

export interface DeskSecrets {
  token: string;
  /** `127.0.0.1:PORT`, `localhost:PORT`, and the --host address with its port. */
  hosts: ReadonlySet<string>;
  cookieName: string;
}

export type Verdict =
  | { pass: true }
  /** The token came in the address: keep it in a cookie and show the same page without it. */
  | { pass: false; status: 303; location: string; setCookie: string }
  | { pass: false; status: 400 | 403 | 405; reason: string };

/**
 * Pure: may this request reach the desk? The Host must be one of the desk's
 * own names (a web page on a rebound DNS name is refused); the token must
 * come in the cookie, or once in the address it printed; a request that
 * changes anything must come from the desk's own page (Origin).
 */
export function guardRequest(request: GuardedRequest, secrets: DeskSecrets): Verdict {
  const host = (request.host ?? '').toLowerCase();
  if (!secrets.hosts.has(host)) return { pass: false, status: 403, reason: `The desk answers only at ${[...secrets.hosts].join(' or ')}.` };
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') return { pass: false, status: 405, reason: 'Only GET and POST.' };

  // A request line that is no URL at all (`GET http://[`) is no request of the desk's page.
  if (!URL.canParse(request.url, `http://${host}`)) return { pass: false, status: 400, reason: 'That address is not one the desk knows.' };
  const url = new URL(request.url, `http://${host}`);
  const offered = url.searchParams.get('token');
  if (offered !== null && request.method !== 'POST') {
    if (!same(offered, secrets.token)) return { pass: false, status: 403, reason: WRONG_TOKEN };
    url.searchParams.delete('token');
    return {
      pass: false,
      status: 303,
      location: `${url.pathname}${url.search}`,
      setCookie: `${secrets.cookieName}=${secrets.token}; HttpOnly; SameSite=Strict; Path=/`,
    };
  }
  const cookie = cookieValue(request.cookie, secrets.cookieName);
  if (cookie === undefined || !same(cookie, secrets.token)) return { pass: false, status: 403, reason: WRONG_TOKEN };
  if (request.method === 'POST' && request.origin !== `http://${host}`)
    return { pass: false, status: 403, reason: 'A change must come from the desk’s own page; this one came from another site.' };
  return { pass: true };
}

const WRONG_TOKEN = 'Open the desk with the address `snippet desk` printed in its terminal window: it carries the key to this desk.';

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
