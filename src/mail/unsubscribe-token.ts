import { createHmac, timingSafeEqual } from 'node:crypto';
import { addressKey } from '../contacts/member.js';

/**
 * An unsubscribe link carries the address and an HMAC of it, so that the
 * one-click endpoint can act on it without a database and nobody can forge a
 * link for someone else's address. The secret comes from the environment.
 */
export function unsubscribeToken(secret: string, email: string): string {
  return sign(secret, addressKey(email));
}

function sign(secret: string, key: string): string {
  return createHmac('sha256', secret).update(`unsubscribe\0${key}`).digest('base64url').slice(0, 32);
}

export function verifyUnsubscribeToken(secret: string, email: string, token: string): boolean {
  const given = Buffer.from(token);
  // Links mailed before international domains had one form were signed over the address as written, lower-cased.
  const keys = new Set([addressKey(email), email.trim().normalize('NFC').toLowerCase()]);
  return [...keys].some((key) => {
    const expected = Buffer.from(sign(secret, key));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** `https://example.org/unsubscribe?e=<address>&t=<token>` */
export function unsubscribeUrl(base: string, secret: string, email: string): string {
  const url = new URL(base);
  url.searchParams.set('e', addressKey(email));
  url.searchParams.set('t', unsubscribeToken(secret, email));
  return url.toString();
}

/**
 * unsubscribeUrl for one base and secret, prepared once for a whole send:
 * the base is parsed once, and per address only its two query values are
 * encoded, into the very text unsubscribeUrl gives. The token comes back too
 * (the mailto link carries it), so each address is signed once.
 */
export function unsubscribeLinker(base: string, secret: string): (email: string) => { url: string; token: string } {
  const url = new URL(base);
  url.searchParams.set('e', MARK_E);
  url.searchParams.set('t', MARK_T);
  const text = url.toString();
  const e = text.indexOf(`e=${MARK_E}`);
  const t = text.indexOf(`t=${MARK_T}`);
  const slow = (email: string): { url: string; token: string } => ({ url: unsubscribeUrl(base, secret, email), token: unsubscribeToken(secret, email) });
  // Marks that the base itself holds (never in practice) leave the pieces unknown: each link is then made whole.
  if (e < 0 || t < e || text.indexOf(MARK_E, e + 2 + MARK_E.length) >= 0 || text.indexOf(MARK_T, t + 2 + MARK_T.length) >= 0) return slow;
  const before = text.slice(0, e + 2);
  const between = text.slice(e + 2 + MARK_E.length, t + 2);
  const after = text.slice(t + 2 + MARK_T.length);
  return (email) => {
    const key = addressKey(email);
    const value = formEncoded(key);
    if (value === undefined) return slow(email);
    const token = sign(secret, key);
    return { url: `${before}${value}${between}${token}${after}`, token };
  };
}

const MARK_E = 'snippetE0mark';
const MARK_T = 'snippetT0mark';

/** A query value as URLSearchParams writes it (application/x-www-form-urlencoded); undefined for text it would repair (a lone surrogate). */
function formEncoded(value: string): string | undefined {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    return undefined;
  }
  return encoded.replace(/%20/gu, '+').replace(/[!'()~]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The address and token from an unsubscribe URL's query, or undefined when either is missing. */
export function readUnsubscribeQuery(search: URLSearchParams): { email: string; token: string } | undefined {
  const email = search.get('e');
  const token = search.get('t');
  return email && token ? { email, token } : undefined;
}
