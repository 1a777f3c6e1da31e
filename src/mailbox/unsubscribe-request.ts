import { headerValue, headerValues, type HeaderFields } from './header-fields.js';
import type { UnsubscribeRequest } from './message-reading.js';

/**
 * Pure: the unsubscribe request a message makes, or undefined. A request is
 * mail to one of the unsubscribe addresses (`unsubscribe.mailto`), or one
 * whose subject starts with "unsubscribe", as the List-Unsubscribe link
 * writes it: `unsubscribe ADDRESS TOKEN`.
 */
export function unsubscribeRequest(
  fields: HeaderFields,
  subject: string,
  from: string | undefined,
  mailto: ReadonlySet<string>,
): UnsubscribeRequest | undefined {
  const asked = /^\s*(?:(?:re|fw|fwd|aw):\s*)*unsubscribe\b(.*)$/iu.exec(subject);
  const addressedToUs = ['to', 'cc', 'delivered-to', 'x-original-to'].some((name) =>
    headerValues(fields, name).some((value) => addressesIn(value).some((a) => mailto.has(a.toLowerCase()))),
  );
  if (!asked && !addressedToUs) return undefined;
  const words = (asked?.[1] ?? '').trim().split(/\s+/u);
  const named = words.find((word) => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/u.test(word.replace(/^<|>$/gu, '')))?.replace(/^<|>$/gu, '');
  const token = named === undefined ? undefined : words[words.indexOf(words.find((w) => w.includes(named))!) + 1];
  const address = named ?? from;
  if (address === undefined) return undefined;
  return {
    address,
    token: token && /^[A-Za-z0-9_-]{16,64}$/u.test(token) ? token : undefined,
    from,
    dmarcPass: from !== undefined && dmarcPassed(headerValue(fields, 'authentication-results'), from),
  };
}

/**
 * Whether an Authentication-Results value says DMARC passed for the From
 * domain. Only the topmost header is read (the caller passes the first):
 * it is the one the receiving server added last, on arrival; any below it
 * came with the message and could have been written by whoever sent it.
 */
export function dmarcPassed(results: string | undefined, from: string): boolean {
  if (results === undefined) return false;
  const domain = from.slice(from.lastIndexOf('@') + 1).toLowerCase();
  for (const clause of results.split(';')) {
    const match = /\bdmarc\s*=\s*(\w+)/iu.exec(clause);
    if (!match) continue;
    if (match[1]!.toLowerCase() !== 'pass') return false;
    const headerFrom = /\bheader\.from\s*=\s*([^\s;]+)/iu.exec(clause)?.[1]?.toLowerCase();
    return headerFrom === undefined || headerFrom === domain;
  }
  return false;
}

export function addressesIn(value: string): string[] {
  return [...value.matchAll(/[^\s<>,;:"()]+@[^\s<>,;:"()]+/gu)].map((m) => m[0].replace(/\.$/u, ''));
}
