import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { hasErrors, SnippetError } from '../errors.js';
import { writeFailureHint, writeFilesAtomically, writeSynced } from '../fs/write-files-atomically.js';
import { decodeCsvBytes } from './decode-csv-bytes.js';
import { SUPPRESSIONS_FILE } from './member.js';
import { neutraliseCell } from './neutralise-cell.js';
import { suppressionColumns } from './parse-suppressions.js';
import { readCsvRows } from './read-csv-rows.js';

export interface NewSuppression {
  email: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** e.g. unsubscribed, bounced: kept short; only what is needed to honour it. */
  reason: string;
}

/**
 * Appends addresses to `contacts/suppressions.csv` (creating it with its
 * header), each value under its own header column and with the file's
 * separator and line ends, and syncs it to disk: an unsubscribe that was
 * acknowledged must survive a crash. A file that cannot be read is left
 * alone: a row appended after an unclosed quote would not suppress anything.
 */
export async function appendSuppressions(workspace: string, entries: readonly NewSuppression[]): Promise<void> {
  if (entries.length === 0) return;
  const path = join(workspace, SUPPRESSIONS_FILE);
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new SnippetError(`could not read ${SUPPRESSIONS_FILE} (${error.code ?? error.message}); nothing was added`, { hint: writeFailureHint(error.code), cause: error });
  });
  const decoded = bytes === undefined ? undefined : decodeCsvBytes(bytes, SUPPRESSIONS_FILE);
  const existing = decoded?.text;
  const text = existing === undefined || existing.replace(/^\uFEFF/u, '').trim() === '' ? newFile(entries) : appended(existing, entries);
  if (decoded !== undefined && decoded.encoding !== 'utf-8') {
    // UTF-8 appended to a UTF-16 or Windows-1252 file would garble it: the whole file is written again, in UTF-8.
    const whole = existing!.trim() === '' ? text : existing! + text;
    await writeFilesAtomically(workspace, [{ name: SUPPRESSIONS_FILE, data: whole }], { shownDir: '' });
    return;
  }
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeSynced(path, text, { flag: 'a' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SnippetError(`could not write ${SUPPRESSIONS_FILE} (${code ?? (error as Error).message}); nothing was added`, { hint: writeFailureHint(code), cause: error });
  }
}

function newFile(entries: readonly NewSuppression[]): string {
  return stringify([['email', 'date', 'reason'], ...entries.map((entry) => [entry.email.trim(), entry.date, entry.reason].map(neutraliseCell))], { record_delimiter: 'unix' });
}

/** The text to add to an existing file: its rows in its own column order, separator and line ends. */
function appended(existing: string, entries: readonly NewSuppression[]): string {
  const csv = readCsvRows(existing, SUPPRESSIONS_FILE);
  if (hasErrors(csv.problems)) {
    throw new SnippetError(`nothing added: ${SUPPRESSIONS_FILE} cannot be read`, { problems: csv.problems.filter((p) => p.severity === 'error'), hint: 'Correct it, then try again.' });
  }
  const { email: emailAt, date: dateAt, reason: reasonAt } = suppressionColumns(csv.header);
  if (emailAt < 0) {
    throw new SnippetError(`nothing added: ${SUPPRESSIONS_FILE} has no email column in its header`, { file: SUPPRESSIONS_FILE, line: 1, hint: 'The first line must be: email,date,reason' });
  }
  const rows = entries.map((entry) => csv.header.map((_, i) => {
    if (i === emailAt) return entry.email.trim();
    if (i === dateAt) return entry.date;
    if (i === reasonAt) return entry.reason;
    return '';
  }).map(neutraliseCell));
  const text = stringify(rows, { delimiter: csv.delimiter, record_delimiter: csv.newline });
  return /[\r\n]$/u.test(existing) ? text : csv.newline + text;
}
