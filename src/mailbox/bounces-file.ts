import { join } from 'node:path';
import { appendCsvRecords, type AppendedFile, type CsvLayout } from '../contacts/append-csv-records.js';
import { columnIndexes } from '../contacts/parse-members.js';
import { readCsvFile } from '../contacts/read-csv-file.js';
import { readCsvRows } from '../contacts/read-csv-rows.js';

/** The evidence of every report acted on, one row each; soft bounces are counted from it. */
export const BOUNCES_FILE = 'contacts/bounces.csv';

const COLUMNS = ['date', 'email', 'kind', 'status', 'words', 'report_message_id', 'issue'] as const;
const BOUNCES: AppendedFile = { name: BOUNCES_FILE, header: COLUMNS, nothing: 'added' };

/** One row of `contacts/bounces.csv`. */
export interface BounceRow {
  /** `YYYY-MM-DD`, the report's date in the workspace's zone. */
  date: string;
  email: string;
  /** hard, soft, complaint or unsubscribe. */
  kind: string;
  /** The enhanced status code, or empty. */
  status: string;
  /** The server's words. */
  words: string;
  /** The report's own Message-ID: a report is acted on once. */
  reportMessageId: string;
  /** The issue it was about, or empty. */
  issue: string;
}

/** Pure: the rows of bounces.csv's text (columns found by name, so a file reordered in a spreadsheet still reads). */
export function parseBounceRows(text: string): BounceRow[] {
  const csv = readCsvRows(text, BOUNCES_FILE);
  const at = columnIndexes(csv.header, COLUMNS);
  const cell = (values: readonly string[], column: number): string => (at[column]! >= 0 ? (values[at[column]!] ?? '').trim() : '');
  return csv.rows.map(({ values }) => ({
    date: cell(values, 0),
    email: cell(values, 1),
    kind: cell(values, 2),
    status: cell(values, 3),
    words: cell(values, 4),
    reportMessageId: cell(values, 5),
    issue: cell(values, 6),
  }));
}

/** IO: the rows of the workspace's bounces.csv; none when it does not exist. */
export async function readBounceRows(dir: string): Promise<BounceRow[]> {
  const csv = await readCsvFile(join(dir, BOUNCES_FILE), BOUNCES_FILE);
  return csv === undefined ? [] : parseBounceRows(csv.text);
}

/** Appends rows (synced to disk), creating the file with its header; `layout` and the result as appendCsvRecords's. */
export async function appendBounceRows(dir: string, rows: readonly BounceRow[], layout?: CsvLayout): Promise<CsvLayout | undefined> {
  return appendCsvRecords(
    dir,
    BOUNCES,
    rows.map((r) => [r.date, r.email, r.kind, r.status, r.words, r.reportMessageId, r.issue]),
    layout,
  );
}
