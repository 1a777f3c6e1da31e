import { readFile } from 'node:fs/promises';
import { withContactsLock } from '../contacts/contacts-lock.js';
import { decodeCsvBytes } from '../contacts/decode-csv-bytes.js';
import { MEMBERS_FILE } from '../contacts/member.js';
import { parseMembers, type ParsedMembers } from '../contacts/parse-members.js';
import { planImport, type ImportPlan } from '../contacts/plan-import.js';
import { rewriteMembersCsv } from '../contacts/rewrite-members-csv.js';
import { contactsLockPath } from '../delivery/state-paths.js';
import { SnippetError, type Problem } from '../errors.js';
import { writeFilesAtomically } from '../fs/write-files-atomically.js';
import { loadContacts } from '../workspace/load-contacts.js';
import type { Output } from '../output.js';

export interface ContactsImportOptions {
  dir: string;
  /** The exported CSV, as given (for reading, absolute; for messages, as typed). */
  file: string;
  label: string;
  list: string | undefined;
  dryRun: boolean;
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  written: boolean;
}

/**
 * `snippet contacts import FILE`: plan the merge (pure), report it, then
 * write members.csv in one atomic step, or stop there with --dry-run.
 */
export async function contactsImportCommand(options: ContactsImportOptions, out: Output): Promise<ImportSummary> {
  const bytes = await readFile(options.file).catch((error: NodeJS.ErrnoException) => {
    throw new SnippetError(
      `cannot read ${options.label}: ${error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'it is a folder' : error.message}`,
      { hint: 'Give the path of the exported CSV file.' },
    );
  });
  const decoded = decodeCsvBytes(bytes, options.label);
  const incoming = parseMembers(decoded.text, options.label, { repeats: 'latest' });
  out.problems(decoded.warnings);
  const unreadable = wholeFileErrors(incoming);
  if (unreadable.length > 0) throw new SnippetError(`nothing imported: ${options.label} cannot be read as a contacts file`, { problems: unreadable });

  // Read, planned and written under the lock: two imports at once must not both start from the old file.
  return withContactsLock(contactsLockPath(options.dir), () => merge(options, incoming, out));
}

async function merge(options: ContactsImportOptions, incoming: ParsedMembers, out: Output): Promise<ImportSummary> {
  const contacts = await loadContacts(options.dir);
  const broken = contacts.members ? wholeFileErrors(contacts.members) : [];
  if (broken.length > 0) throw new SnippetError(`nothing imported: fix ${MEMBERS_FILE} first`, { problems: broken });
  const plan = planImport(contacts.members?.members ?? [], incoming, {
    file: options.label,
    suppressions: contacts.suppressions,
    organisations: contacts.organisations,
    ...(options.list !== undefined ? { list: options.list } : {}),
  });
  const { text, warnings } = rewriteMembersCsv(contacts.members, plan);
  report(plan, out);
  // How members.csv itself was decoded (bytes read as Windows-1252): the rewrite saves the text as read, so say so first.
  const ofRows = new Set(contacts.members?.problems);
  const decoding = contacts.problems.filter((p) => p.file === MEMBERS_FILE && p.severity === 'warning' && !ofRows.has(p));
  out.problems(decoding);
  const rowWarnings = notRejected(incoming).filter((p) => p.severity === 'warning');
  out.problems([...plan.rejected, ...rowWarnings, ...plan.warnings, ...warnings]);

  const summary = { added: plan.added.length, updated: plan.updated.length, unchanged: plan.unchanged.length, rejected: plan.rejected.length };
  const counts = `${summary.added} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected`;
  if (options.dryRun) {
    out.info(`[Dry run] ${MEMBERS_FILE} would get: ${counts}. Nothing written.`);
    return { ...summary, written: false };
  }
  if (summary.added + summary.updated === 0) {
    out.info(`${MEMBERS_FILE}: ${counts}; nothing to write.`);
    return { ...summary, written: false };
  }
  await writeFilesAtomically(options.dir, [{ name: MEMBERS_FILE, data: text }], { shownDir: '' });
  out.info(`${MEMBERS_FILE}: ${counts}.`);
  return { ...summary, written: true };
}

/** Errors that stop a file being read at all, as opposed to rows left out. */
function wholeFileErrors(parsed: ParsedMembers): Problem[] {
  return notRejected(parsed).filter((p) => p.severity === 'error');
}

/** The problems that are not a row left out; by a set: a broken export may have a rejected row for each of thousands. */
function notRejected(parsed: ParsedMembers): Problem[] {
  const rejected = new Set(parsed.rejected);
  return parsed.problems.filter((p) => !rejected.has(p));
}

function report(plan: ImportPlan, out: Output): void {
  for (const member of plan.added)
    out.info(`  new        ${member.email}${member.name ? ` (${member.name})` : ''}${member.lists.length ? ` [${member.lists.join(';')}]` : ''}`);
  for (const { before, after, changed } of plan.updated) {
    const what = changed.map((field) => {
      if (field === 'lists') return `lists + ${after.lists.filter((l) => !before.lists.includes(l)).join(';')}`;
      return `${field === 'greetingName' ? 'greeting_name' : field} "${before[field] ?? ''}" → "${after[field] ?? ''}"`;
    });
    out.info(`  updated    ${before.email}: ${what.join(', ')}`);
  }
}
