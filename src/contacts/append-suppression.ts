import { appendCsvRecords, type AppendedFile, type CsvLayout } from './append-csv-records.js';
import { SUPPRESSIONS_FILE } from './member.js';

export interface NewSuppression {
  email: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** e.g. unsubscribed, bounced: kept short; only what is needed to honour it. */
  reason: string;
}

const SUPPRESSIONS: AppendedFile = { name: SUPPRESSIONS_FILE, header: ['email', 'date', 'reason'], nothing: 'added' };

/**
 * Appends addresses to `contacts/suppressions.csv` (creating it with its
 * header email,date,reason), as appendCsvRecords does: each value under its
 * own column, synced to disk, since an unsubscribe that was acknowledged
 * must survive a crash; nothing added to a file that cannot be read.
 * `layout` and the result: as appendCsvRecords's, for a run that appends again.
 */
export async function appendSuppressions(workspace: string, entries: readonly NewSuppression[], layout?: CsvLayout): Promise<CsvLayout | undefined> {
  return appendCsvRecords(
    workspace,
    SUPPRESSIONS,
    entries.map((entry) => [entry.email.trim(), entry.date, entry.reason]),
    layout,
  );
}
