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

/** The identity of an address: trimmed and lower-cased (with its domain in Unicode NFC). */
export function addressKey(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}
