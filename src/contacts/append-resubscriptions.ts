import { appendCsvRecords, type AppendedFile } from './append-csv-records.js';

export const RESUBSCRIPTIONS_FILE = 'contacts/resubscriptions.csv';

/** One lifted suppression, kept as evidence: who asked to be mailed again, when, and who lifted it on what grounds. */
export interface Resubscription {
  email: string;
  /** The suppression's own date and reason, as suppressions.csv had them. */
  suppressedOn: string;
  suppressionReason: string;
  /** `YYYY-MM-DD` in the workspace's zone. */
  resubscribedOn: string;
  by: string;
  reason: string;
}

const RESUBSCRIPTIONS: AppendedFile = {
  name: RESUBSCRIPTIONS_FILE,
  header: ['email', 'suppressed_on', 'suppression_reason', 'resubscribed_on', 'by', 'reason'],
  nothing: 'changed',
};

/**
 * Appends records to `contacts/resubscriptions.csv` (creating it with its
 * header) as appendCsvRecords does, synced to disk. Written before the
 * suppression is removed: a crash between the two leaves the record and the
 * suppression, and a run again finishes the job, rather than a lifted
 * suppression with no record.
 */
export async function appendResubscriptions(workspace: string, records: readonly Resubscription[]): Promise<void> {
  await appendCsvRecords(
    workspace,
    RESUBSCRIPTIONS,
    records.map((r) => [r.email, r.suppressedOn, r.suppressionReason, r.resubscribedOn, r.by, r.reason]),
  );
}
