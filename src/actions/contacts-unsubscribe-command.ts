import { appendSuppressions } from '../contacts/append-suppression.js';
import { closeAddress } from '../contacts/close-address.js';
import { addressKey } from '../contacts/member.js';
import { isPlainAddress, NOT_PLAIN_HINT } from '../contacts/plain-address.js';
import { SnippetError } from '../errors.js';
import { zonedDate } from '../time/zoned-time.js';
import type { Contacts } from '../workspace/load-contacts.js';
import type { Output } from '../output.js';
import { givenAddress, withSuppressionsToChange } from './with-suppressions-to-change.js';

export interface ContactsUnsubscribeOptions {
  dir: string;
  email: string;
  reason: string;
  now: Date;
  /** Suppress the address as given even when it is not listed but close to one that is. */
  force: boolean;
}

/**
 * `snippet contacts unsubscribe EMAIL`: adds the address to suppressions.csv
 * (address, today's date in the workspace's zone, reason: nothing more).
 * Running it twice is harmless: an address already suppressed is left alone.
 */
export async function contactsUnsubscribeCommand(options: ContactsUnsubscribeOptions, out: Output): Promise<{ added: boolean }> {
  const email = givenAddress(options.email, 'Give the address as it is on the list, e.g. name@example.org.');
  if (!isPlainAddress(email)) throw new SnippetError(`"${options.email}" is not a plain email address; nothing added`, { kind: 'usage', hint: NOT_PLAIN_HINT });
  return withSuppressionsToChange(options.dir, 'nothing added', (contacts) => unsubscribe(options, email, contacts, out));
}

async function unsubscribe(options: ContactsUnsubscribeOptions, email: string, contacts: Contacts, out: Output): Promise<{ added: boolean }> {
  const key = addressKey(email);
  const existing = contacts.suppressions.find((s) => s.key === key);
  if (existing) {
    out.info(`${email} is already suppressed (contacts/suppressions.csv:${existing.line}${existing.date ? `, since ${existing.date}` : ''}); nothing to do.`);
    return { added: false };
  }
  const member = contacts.members?.members.some((m) => m.key === key) === true;
  const meant = member ? undefined : closeAddress(key, contacts.members?.members.map((m) => m.key) ?? []);
  if (meant !== undefined && !options.force) {
    // A typo here would leave the person who asked to leave on the list, and suppress nobody.
    throw new SnippetError(`${email} is not on the mailing list; did you mean ${meant}?`, {
      hint: `Run \`snippet contacts unsubscribe ${meant}\`; to suppress ${email} exactly as typed, add --force.`,
    });
  }
  await appendSuppressions(options.dir, [{ email: key, date: zonedDate(options.now, contacts.timeZone), reason: options.reason }]);
  out.info(`${email} is suppressed: it will not be mailed again.${member ? '' : ' (It is not on the mailing list either.)'}`);
  return { added: true };
}
