import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { writeSynced } from '../fs/write-files-atomically.js';
import { SUPPRESSIONS_FILE } from './member.js';

export interface NewSuppression {
  email: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** e.g. unsubscribed, bounced: kept short; only what is needed to honour it. */
  reason: string;
}

/**
 * Appends addresses to `contacts/suppressions.csv` (creating it with its
 * header), keeping the file's separator and line ends, and syncs it to disk:
 * an unsubscribe that was acknowledged must survive a crash.
 */
export async function appendSuppressions(workspace: string, entries: readonly NewSuppression[]): Promise<void> {
  if (entries.length === 0) return;
  const path = join(workspace, SUPPRESSIONS_FILE);
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const newline = existing !== undefined && existing.includes('\r\n') ? '\r\n' : '\n';
  const headerLine = existing?.replace(/^\uFEFF/u, '').split(/\r?\n/u, 1)[0] ?? '';
  const delimiter = (headerLine.match(/;/gu)?.length ?? 0) > (headerLine.match(/,/gu)?.length ?? 0) ? ';' : ',';
  const rows = entries.map((entry) => [entry.email.trim(), entry.date, entry.reason]);
  let text = stringify(rows, { delimiter, record_delimiter: newline === '\r\n' ? 'windows' : 'unix' });
  if (existing === undefined || existing.trim() === '') {
    text = stringify([['email', 'date', 'reason']], { delimiter, record_delimiter: 'unix' }) + text;
  } else if (!existing.endsWith('\n')) {
    text = newline + text;
  }
  await mkdir(dirname(path), { recursive: true });
  await writeSynced(path, text, { flag: 'a' });
}
