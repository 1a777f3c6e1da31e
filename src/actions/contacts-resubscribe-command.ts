import { join } from 'node:path';
import { appendResubscriptions, RESUBSCRIPTIONS_FILE } from '../contacts/append-resubscriptions.js';
import { closeAddress } from '../contacts/close-address.js';
import { addressKey, SUPPRESSIONS_FILE } from '../contacts/member.js';
import { readCsvFile } from '../contacts/read-csv-file.js';
import { removeSuppressions } from '../contacts/remove-suppressions.js';
import { SnippetError } from '../errors.js';
import { writeFilesAtomically } from '../fs/write-files-atomically.js';
import { zonedDate } from '../time/zoned-time.js';
import type { Output } from '../output.js';
import { givenAddress, withSuppressionsToChange } from './with-suppressions-to-change.js';

export interface ContactsResubscribeOptions {
  dir: string;
  email: string;
  /** Why the suppression is lifted, e.g. "signed up again on the form, 2026-11-30". */
  reason: string;
  /** Who lifted it. */
  by: string;
  now: Date;
}

/**
 * `snippet contacts resubscribe EMAIL`: lifts a suppression. A suppression
 * is evidence that someone asked not to be mailed (UK GDPR), so it is not
 * simply deleted: its address, date and reason move to
 * contacts/resubscriptions.csv with today's date, who lifted it and why.
 */
export async function contactsResubscribeCommand(options: ContactsResubscribeOptions, out: Output): Promise<{ resubscribed: boolean }> {
  const email = givenAddress(options.email, 'Give the address as suppressions.csv has it, e.g. name@example.org.');
  if (options.reason.trim() === '')
    throw new SnippetError('say why the suppression is lifted', { kind: 'usage', hint: 'Add --reason, e.g. --reason "signed up again on the form".' });
  const key = addressKey(email);
  return withSuppressionsToChange(options.dir, 'nothing changed', async (contacts) => {
    if (!contacts.suppressions.some((s) => s.key === key)) {
      const meant = closeAddress(
        key,
        contacts.suppressions.map((s) => s.key),
      );
      if (meant !== undefined)
        throw new SnippetError(`${email} is not suppressed; did you mean ${meant}?`, { hint: `Run \`snippet contacts resubscribe ${meant} --reason …\`.` });
      out.info(`${email} is not in ${SUPPRESSIONS_FILE}; nothing to do.`);
      return { resubscribed: false };
    }
    const csv = (await readCsvFile(join(options.dir, SUPPRESSIONS_FILE), SUPPRESSIONS_FILE))!;
    const { text, removed } = removeSuppressions(csv.text, SUPPRESSIONS_FILE, key);
    const today = zonedDate(options.now, contacts.timeZone);
    await appendResubscriptions(
      options.dir,
      removed.map((row) => ({
        email: key,
        suppressedOn: row.date,
        suppressionReason: row.reason,
        resubscribedOn: today,
        by: options.by,
        reason: options.reason.trim(),
      })),
    );
    await writeFilesAtomically(options.dir, [{ name: SUPPRESSIONS_FILE, data: text }], { shownDir: '' });
    const was = removed
      .map((row) => [row.reason, row.date && `since ${row.date}`].filter(Boolean).join(' '))
      .filter(Boolean)
      .join('; ');
    out.info(`${email} is no longer suppressed${was ? ` (was: ${was})` : ''}; recorded in ${RESUBSCRIPTIONS_FILE}.`);
    if (!contacts.members?.members.some((m) => m.key === key))
      out.info(`${email} is not on the mailing list: add them with \`snippet contacts import FILE\` or to contacts/members.csv.`);
    return { resubscribed: true };
  });
}
