import { stringify } from 'csv-stringify/sync';
import { MEMBERS_FILE, SUPPRESSIONS_FILE } from '../contacts/member.js';
import { neutraliseCell } from '../contacts/neutralise-cell.js';
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
 * snippet"; the count of those left out goes to stderr. A cell that starts
 * like a formula (a hand-edited members.csv) is printed neutralised.
 */
export async function contactsListCommand(options: ContactsListOptions, out: Output): Promise<{ listed: number; suppressed: number }> {
  const contacts = await loadContacts(options.dir);
  if (contacts.members === undefined)
    throw new SnippetError('the mailing list is missing', { file: 'contacts/members.csv', hint: 'Create it with `snippet contacts import FILE`.' });
  // A list printed from a file with errors would be short without saying so: nothing is printed instead.
  const errors = contacts.problems.filter((p) => p.severity === 'error' && (p.file === MEMBERS_FILE || p.file === SUPPRESSIONS_FILE));
  if (errors.length > 0)
    throw new SnippetError('the mailing list has errors; nothing listed', {
      problems: errors,
      hint: 'Correct the lines shown (`snippet contacts check` shows every problem), then try again.',
    });
  const suppressed = new Set(contacts.suppressions.map((s) => s.key));
  const inList = contacts.members.members.filter((m) => options.list === undefined || m.lists.includes(options.list));
  const listed = inList.filter((m) => !suppressed.has(m.key));
  out.info(
    stringify(
      [['email', 'name', 'organisation', 'lists'], ...listed.map((m) => [m.email, m.name ?? '', m.organisation ?? '', m.lists.join(';')].map(neutraliseCell))],
      { record_delimiter: 'unix' },
    ).trimEnd(),
  );
  const left = inList.length - listed.length;
  out.warn(
    `${listed.length} member${listed.length === 1 ? '' : 's'}${options.list ? ` in list ${options.list}` : ''}${left > 0 ? `; ${left} suppressed left out` : ''}.`,
  );
  return { listed: listed.length, suppressed: left };
}
