import { MEMBERS_FILE, SUPPRESSIONS_FILE } from '../contacts/member.js';
import type { Problem } from '../errors.js';
import { loadContacts } from '../workspace/load-contacts.js';

/** One member as the desk's Members page lists them. */
export interface FoundMember {
  email: string;
  name: string | undefined;
  /** The organisation's id, and its name from organisations.yaml when it has one. */
  organisation: { id: string; name: string | undefined } | undefined;
  lists: readonly string[];
  /** Set when the address is in suppressions.csv: it is not mailed. */
  suppressed: { date: string | undefined; reason: string | undefined } | undefined;
}

export interface MemberSearch {
  found: FoundMember[];
  /** How many matched in all (`found` stops at the limit). */
  matched: number;
  members: number;
  suppressed: number;
  /** Suppressed addresses that match but are not on the list (they can still be resubscribed). */
  suppressedOnly: FoundMember[];
  /** Problems of members.csv and suppressions.csv: a list read with errors may be short. */
  problems: Problem[];
}

/** Enough to read on one page; a longer result asks for more of the name. */
export const MEMBERS_SHOWN = 100;

/**
 * The desk's "find a member": every member whose address, name or
 * organisation (id or name) contains each word typed, any case, with whether
 * they are suppressed. Reads the same files as `snippet contacts list`.
 */
export async function findMembers(dir: string, query: string): Promise<MemberSearch> {
  const contacts = await loadContacts(dir);
  const names = new Map(contacts.organisations.map((o) => [o.id, o.name]));
  const suppressions = new Map(contacts.suppressions.map((s) => [s.key, s]));
  const words = query.toLowerCase().split(/\s+/u).filter(Boolean);
  const matches = (...texts: Array<string | undefined>): boolean => {
    const haystack = texts.filter(Boolean).join(' ').toLowerCase();
    return words.every((word) => haystack.includes(word));
  };
  const members = contacts.members?.members ?? [];
  const all = members
    .filter((m) => matches(m.email, m.name, m.organisation, m.organisation ? names.get(m.organisation) : undefined))
    .map((m): FoundMember => {
      const suppression = suppressions.get(m.key);
      return {
        email: m.email,
        name: m.name,
        organisation: m.organisation ? { id: m.organisation, name: names.get(m.organisation) } : undefined,
        lists: m.lists,
        suppressed: suppression ? { date: suppression.date, reason: suppression.reason } : undefined,
      };
    });
  const listed = new Set(members.map((m) => m.key));
  const suppressedOnly =
    words.length === 0
      ? []
      : contacts.suppressions
          .filter((s) => !listed.has(s.key) && matches(s.key))
          .slice(0, MEMBERS_SHOWN)
          .map((s) => ({ email: s.key, name: undefined, organisation: undefined, lists: [], suppressed: { date: s.date, reason: s.reason } }));
  return {
    found: all.slice(0, MEMBERS_SHOWN),
    matched: all.length,
    members: members.length,
    suppressed: members.filter((m) => suppressions.has(m.key)).length,
    suppressedOnly,
    problems: contacts.problems.filter((p) => p.file === MEMBERS_FILE || p.file === SUPPRESSIONS_FILE),
  };
}
