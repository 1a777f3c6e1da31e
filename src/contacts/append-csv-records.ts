import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { hasErrors, SnippetError } from '../errors.js';
import { fileStamp } from '../fs/file-stamp.js';
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
 * What an append learnt of a file's layout: the next append to it writes
 * without reading and parsing the whole file again, as long as the file's
 * stamp (fileStamp) is still the one it had after this append.
 */
export interface CsvLayout {
  /** The file's stamp just after the append. */
  stamp: string;
  /** For each column of the file's header, the index of its value in a record. */
  from: readonly number[];
  delimiter: string;
  newline: string;
}

/**
 * Appends records (values in the order of `file.header`) to a contacts CSV
 * file, creating it and its folder with that header, and syncs it to disk:
 * a change that was acknowledged must survive a crash. Each value goes under
 * its own header column, with the file's separator and line ends, so that a
 * file saved from a spreadsheet reads back; no cell may start like a formula.
 * A file not in UTF-8 is written again whole, in UTF-8, since UTF-8 appended
 * to it would garble it. A file that cannot be read is left alone: a row
 * appended after an unclosed quote would land inside it. Given the `layout`
 * the last append returned, a file unchanged since is not read again.
 * Returns the file's layout now (undefined when it was written again whole).
 */
export async function appendCsvRecords(
  workspace: string,
  file: AppendedFile,
  records: ReadonlyArray<readonly string[]>,
  layout?: CsvLayout,
): Promise<CsvLayout | undefined> {
  if (records.length === 0) return layout;
  const path = join(workspace, file.name);
  if (layout !== undefined && (await fileStamp(path)) === layout.stamp) {
    // Unchanged since this process appended to it: it reads cleanly and ends with a line end.
    await appendText(path, file, rowsText(records, layout));
    return layoutAfter(path, layout);
  }
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
  const found = blank ? { from: file.header.map((_, i) => i), delimiter: ',', newline: '\n' } : shapeOf(existing, file);
  const text = blank
    ? stringify([file.header, ...records.map((values) => values.map(neutraliseCell))], { record_delimiter: 'unix' })
    : (/[\r\n]$/u.test(existing) ? '' : found.newline) + rowsText(records, found);
  if (decoded !== undefined && decoded.encoding !== 'utf-8') {
    await writeFilesAtomically(workspace, [{ name: file.name, data: blank ? text : existing + text }], { shownDir: '' });
    return undefined;
  }
  await appendText(path, file, text);
  return layoutAfter(path, found);
}

/** Appends `text` to the file, synced; a failure says what was not done. */
async function appendText(path: string, file: AppendedFile, text: string): Promise<void> {
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

async function layoutAfter(path: string, found: Omit<CsvLayout, 'stamp'>): Promise<CsvLayout | undefined> {
  const stamp = await fileStamp(path);
  return stamp === undefined || stamp === 'absent' ? undefined : { ...found, stamp };
}

/** The layout of an existing file: its header's columns, separator and line ends; it must read cleanly and have an email column. */
function shapeOf(existing: string, file: AppendedFile): Omit<CsvLayout, 'stamp'> {
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
  return { from: csv.header.map((_, i) => at.indexOf(i)), delimiter: csv.delimiter, newline: csv.newline };
}

/** The records as rows of the file: each value under its column, in the file's separator and line ends. */
function rowsText(records: ReadonlyArray<readonly string[]>, layout: Omit<CsvLayout, 'stamp'>): string {
  const rows = records.map((values) => layout.from.map((i) => values[i] ?? '').map(neutraliseCell));
  return stringify(rows, { delimiter: layout.delimiter, record_delimiter: layout.newline });
}
