import { appendSuppressions } from '../contacts/append-suppression.js';
import { addressKey, SUPPRESSIONS_FILE } from '../contacts/member.js';
import { SnippetError } from '../errors.js';
import { normaliseAddress } from '../schema/mailbox.js';
import { zonedDate } from '../time/zoned-time.js';
import { loadContacts } from '../workspace/load-contacts.js';
import type { Output } from '../output.js';

export interface ContactsUnsubscribeOptions {
  dir: string;
  email: string;
  reason: string;
  now: Date;
}

/**
 * `snippet contacts unsubscribe EMAIL`: adds the address to suppressions.csv
 * (address, today's date in the workspace's zone, reason: nothing more).
 * Running it twice is harmless: an address already suppressed is left alone.
 */
export async function contactsUnsubscribeCommand(options: ContactsUnsubscribeOptions, out: Output): Promise<{ added: boolean }> {
  const email = normaliseAddress(options.email);
  if (email === undefined) throw new SnippetError(`"${options.email}" is not an email address`, { kind: 'usage', hint: 'Give the address as it is on the list, e.g. name@example.org.' });
  const contacts = await loadContacts(options.dir);
  // A row appended to a file that cannot be read (say, after an unclosed quote)
  // may land inside another field: the address would not be suppressed.
  const broken = contacts.problems.filter((p) => p.file === SUPPRESSIONS_FILE && p.severity === 'error');
  if (broken.length > 0) {
    throw new SnippetError(`nothing added: fix ${SUPPRESSIONS_FILE} first`, { problems: broken, hint: 'Correct the lines shown, then run the command again.' });
  }
  const key = addressKey(email);
  const existing = contacts.suppressions.find((s) => s.key === key);
  if (existing) {
    out.info(`${email} is already suppressed (contacts/suppressions.csv:${existing.line}${existing.date ? `, since ${existing.date}` : ''}); nothing to do.`);
    return { added: false };
  }
  await appendSuppressions(options.dir, [{ email: key, date: zonedDate(options.now, contacts.timeZone), reason: options.reason }]);
  const member = contacts.members?.members.some((m) => m.key === key);
  out.info(`${email} is suppressed: it will not be mailed again.${member ? '' : ' (It is not on the mailing list either.)'}`);
  return { added: true };
}
