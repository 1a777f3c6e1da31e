import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { hasErrors, SnippetError } from '../errors.js';
import { writeFailureHint, writeFailureWhy, writeFilesAtomically, writeSynced } from '../fs/write-files-atomically.js';
import { decodeCsvBytes } from './decode-csv-bytes.js';
import { neutraliseCell } from './neutralise-cell.js';
import { columnIndexes } from './parse-members.js';
import { readCsvRows } from './read-csv-rows.js';

/** A contacts file that the tool appends records to (suppressions.csv, resubscriptions.csv). */
export interface AppendedFile {
  /** Workspace-relative, as messages name it. */
  name: string;
  /** The columns of the file when it is created here, an `email` among them. */
  header: readonly string[];
  /** What a failure says did not happen: "nothing was added", "nothing changed: …". */
  nothing: 'added' | 'changed';
}

/**
 * Appends records (values in the order of `file.header`) to a contacts CSV
 * file, creating it and its folder with that header, and syncs it to disk:
 * a change that was acknowledged must survive a crash. Each value goes under
 * its own header column, with the file's separator and line ends, so that a
 * file saved from a spreadsheet reads back; no cell may start like a formula.
 * A file not in UTF-8 is written again whole, in UTF-8, since UTF-8 appended
 * to it would garble it. A file that cannot be read is left alone: a row
 * appended after an unclosed quote would land inside it.
 */
export async function appendCsvRecords(workspace: string, file: AppendedFile, records: ReadonlyArray<readonly string[]>): Promise<void> {
  if (records.length === 0) return;
  const path = join(workspace, file.name);
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new SnippetError(`could not read ${file.name} (${error.code ?? error.message}); nothing was ${file.nothing}`, {
      hint: writeFailureHint(error.code, dirname(file.name)),
      cause: error,
    });
  });
  const decoded = bytes === undefined ? undefined : decodeCsvBytes(bytes, file.name);
  const existing = decoded?.text ?? '';
  // trim() takes a byte-order mark too: a file holding only one is blank.
  const blank = existing.trim() === '';
  const text = blank
    ? stringify([file.header, ...records.map((values) => values.map(neutraliseCell))], { record_delimiter: 'unix' })
    : appended(existing, file, records);
  if (decoded !== undefined && decoded.encoding !== 'utf-8') {
    await writeFilesAtomically(workspace, [{ name: file.name, data: blank ? text : existing + text }], { shownDir: '' });
    return;
  }
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeSynced(path, text, { flag: 'a' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === undefined ? (error as Error).message : writeFailureWhy(code, dirname(file.name));
    throw new SnippetError(`could not write ${file.name} (${why}); nothing was ${file.nothing}`, {
      hint: writeFailureHint(code, dirname(file.name)),
      cause: error,
    });
  }
}

/** The text to add to an existing file: the records in its own column order, separator and line ends. */
function appended(existing: string, file: AppendedFile, records: ReadonlyArray<readonly string[]>): string {
  const csv = readCsvRows(existing, file.name);
  if (hasErrors(csv.problems)) {
    throw new SnippetError(`nothing ${file.nothing}: ${file.name} cannot be read`, {
      problems: csv.problems.filter((p) => p.severity === 'error'),
      hint: 'Correct it, then try again.',
    });
  }
  const at = columnIndexes(csv.header, file.header);
  if (at[file.header.indexOf('email')]! < 0) {
    throw new SnippetError(`nothing ${file.nothing}: ${file.name} has no email column in its header`, {
      file: file.name,
      line: 1,
      hint: `The first line must be: ${file.header.join(',')}`,
    });
  }
  const rows = records.map((values) => csv.header.map((_, i) => values[at.indexOf(i)] ?? '').map(neutraliseCell));
  const text = stringify(rows, { delimiter: csv.delimiter, record_delimiter: csv.newline });
  return /[\r\n]$/u.test(existing) ? text : csv.newline + text;
}
