import { domainToASCII, domainToUnicode } from 'node:url';

/** One row of `contacts/members.csv`. */
export interface Member {
  /** As written in the file. */
  email: string;
  /** Lower-cased and trimmed: the identity used for de-duplication, suppression and the ledger. */
  key: string;
  name?: string;
  /** What the greeting calls the member ("Anna"), from the optional `greeting_name` column. */
  greetingName?: string;
  organisation?: string;
  /** Shared between members with the same lists: never changed in place. */
  lists: readonly string[];
  /** 1-based line in the file, for messages. */
  line: number;
}

/** One row of `contacts/suppressions.csv`: never mail this address again. */
export interface Suppression {
  key: string;
  date?: string;
  reason?: string;
  line: number;
}

export const MEMBERS_FILE = 'contacts/members.csv';
export const SUPPRESSIONS_FILE = 'contacts/suppressions.csv';

/**
 * The identity of an address, the same for members, suppressions, imports and
 * the ledger: trimmed and lower-cased, with an international domain in one
 * form whichever way it was written (`anna@xn--bcher-kva.example` is
 * `anna@bücher.example`: one mailbox, mailed once, suppressed by either).
 * The Unicode form is kept, as it was before domains were normalised, so
 * ledgers and suppressions written then read the same.
 */
export function addressKey(email: string): string {
  const lowered = email.trim().normalize('NFC').toLowerCase();
  const at = lowered.lastIndexOf('@');
  const domain = lowered.slice(at + 1);
  // Nearly every domain is plain ASCII with no punycode label: it is its own key.
  if (at < 0 || (/^[a-z0-9.-]*$/u.test(domain) && !domain.includes('xn--'))) return lowered;
  const unicode = domainToUnicode(domainToASCII(domain));
  return unicode === '' ? lowered : `${lowered.slice(0, at)}@${unicode}`;
}
