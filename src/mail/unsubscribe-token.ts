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

/** The address and token from an unsubscribe URL's query, or undefined when either is missing. */
export function readUnsubscribeQuery(search: URLSearchParams): { email: string; token: string } | undefined {
  const email = search.get('e');
  const token = search.get('t');
  return email && token ? { email, token } : undefined;
}
