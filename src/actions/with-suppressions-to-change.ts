import { withContactsLock } from '../contacts/contacts-lock.js';
import { SUPPRESSIONS_FILE } from '../contacts/member.js';
import { contactsLockPath } from '../delivery/state-paths.js';
import { SnippetError } from '../errors.js';
import { normaliseAddress } from '../schema/mailbox.js';
import { loadContacts, type Contacts } from '../workspace/load-contacts.js';

/** The address a contacts command was given, or a usage error saying how to write it. */
export function givenAddress(given: string, hint: string): string {
  const email = normaliseAddress(given);
  if (email === undefined) throw new SnippetError(`"${given}" is not an email address`, { kind: 'usage', hint });
  return email;
}

/**
 * Runs `change` with the contacts read under the contacts lock, once
 * suppressions.csv is known to read cleanly: a row added to or removed from a
 * file that cannot be read (say, after an unclosed quote) may land inside
 * another field, and the address would not be suppressed.
 * `nothing` says what did not happen, e.g. "nothing added".
 */
export function withSuppressionsToChange<T>(dir: string, nothing: string, change: (contacts: Contacts) => Promise<T>): Promise<T> {
  return withContactsLock(contactsLockPath(dir), async () => {
    const contacts = await loadContacts(dir);
    refuseBrokenSuppressions(contacts, nothing);
    return change(contacts);
  });
}

/** Throws, saying what did not happen, when suppressions.csv does not read cleanly. */
export function refuseBrokenSuppressions(contacts: Contacts, nothing: string): void {
  const broken = contacts.problems.filter((p) => p.file === SUPPRESSIONS_FILE && p.severity === 'error');
  if (broken.length > 0) {
    throw new SnippetError(`${nothing}: fix ${SUPPRESSIONS_FILE} first`, { problems: broken, hint: 'Correct the lines shown, then run the command again.' });
  }
}
