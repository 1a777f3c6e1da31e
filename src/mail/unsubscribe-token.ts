import { createHmac, timingSafeEqual } from 'node:crypto';
import { addressKey } from '../contacts/member.js';

/**
 * An unsubscribe link carries the address and an HMAC of it, so that the
 * one-click endpoint can act on it without a database and nobody can forge a
 * link for someone else's address. The secret comes from the environment.
 */
export function unsubscribeToken(secret: string, email: string): string {
  return createHmac('sha256', secret).update(`unsubscribe\0${addressKey(email)}`).digest('base64url').slice(0, 32);
}

export function verifyUnsubscribeToken(secret: string, email: string, token: string): boolean {
  const expected = Buffer.from(unsubscribeToken(secret, email));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
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
