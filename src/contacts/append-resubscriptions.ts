import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { SnippetError } from '../errors.js';
import { writeFailureHint, writeSynced } from '../fs/write-files-atomically.js';
import { neutraliseCell } from './neutralise-cell.js';

export const RESUBSCRIPTIONS_FILE = 'contacts/resubscriptions.csv';

const HEADER = ['email', 'suppressed_on', 'suppression_reason', 'resubscribed_on', 'by', 'reason'];

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

/**
 * Appends records to `contacts/resubscriptions.csv` (creating it with its
 * header) and syncs them to disk. Written before the suppression is removed:
 * a crash between the two leaves the record and the suppression, and a run
 * again finishes the job, rather than a lifted suppression with no record.
 */
export async function appendResubscriptions(workspace: string, records: readonly Resubscription[]): Promise<void> {
  const path = join(workspace, RESUBSCRIPTIONS_FILE);
  const existing = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new SnippetError(`could not read ${RESUBSCRIPTIONS_FILE} (${error.code ?? error.message}); nothing was changed`, { hint: writeFailureHint(error.code), cause: error });
  });
  const rows = records.map((r) => [r.email, r.suppressedOn, r.suppressionReason, r.resubscribedOn, r.by, r.reason].map(neutraliseCell));
  const fresh = existing === undefined || existing.length === 0;
  const text = stringify(fresh ? [HEADER, ...rows] : rows, { record_delimiter: 'unix' });
  const separator = !fresh && !/[\r\n]$/u.test(existing.toString('utf8')) ? '\n' : '';
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeSynced(path, separator + text, { flag: 'a' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SnippetError(`could not write ${RESUBSCRIPTIONS_FILE} (${code ?? (error as Error).message}); nothing was changed`, { hint: writeFailureHint(code), cause: error });
  }
}
