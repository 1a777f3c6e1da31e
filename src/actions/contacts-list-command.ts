import { stringify } from 'csv-stringify/sync';
import { SnippetError } from '../errors.js';
import { loadContacts } from '../workspace/load-contacts.js';
import type { Output } from '../output.js';

export interface ContactsListOptions {
  dir: string;
  list: string | undefined;
}

/**
 * `snippet contacts list`: the members as CSV on stdout (email, name,
 * organisation, lists), so it can be piped or opened in a spreadsheet.
 * Suppressed members are left out, because the list answers "who gets the
 * snippet"; the count of those left out goes to stderr.
 */
export async function contactsListCommand(options: ContactsListOptions, out: Output): Promise<{ listed: number; suppressed: number }> {
  const contacts = await loadContacts(options.dir);
  if (contacts.members === undefined) throw new SnippetError('the mailing list is missing', { file: 'contacts/members.csv', hint: 'Create it with `snippet contacts import FILE`.' });
  const suppressed = new Set(contacts.suppressions.map((s) => s.key));
  const inList = contacts.members.members.filter((m) => options.list === undefined || m.lists.includes(options.list));
  const listed = inList.filter((m) => !suppressed.has(m.key));
  out.info(stringify([['email', 'name', 'organisation', 'lists'], ...listed.map((m) => [m.email, m.name ?? '', m.organisation ?? '', m.lists.join(';')])], { record_delimiter: 'unix' }).trimEnd());
  const left = inList.length - listed.length;
  out.warn(`${listed.length} member${listed.length === 1 ? '' : 's'}${options.list ? ` in list ${options.list}` : ''}${left > 0 ? `; ${left} suppressed left out` : ''}.`);
  return { listed: listed.length, suppressed: left };
}
