import { join } from 'node:path';
import { RESUBSCRIPTIONS_FILE } from './append-resubscriptions.js';
import { addressKey } from './member.js';
import { readCsvFile } from './read-csv-file.js';
import { readCsvRows } from './read-csv-rows.js';

/**
 * Pure: `contacts/resubscriptions.csv` in; for each address key, the latest
 * day (`YYYY-MM-DD`) its suppression was lifted. A row without a readable
 * email or date lifts nothing.
 */
export function parseResubscriptions(text: string, file: string): Map<string, string> {
  const csv = readCsvRows(text, file);
  const header = csv.header.map((name) => name.trim().toLowerCase());
  const emailAt = header.indexOf('email');
  const dateAt = header.indexOf('resubscribed_on');
  const latest = new Map<string, string>();
  if (emailAt < 0 || dateAt < 0) return latest;
  for (const { values } of csv.rows) {
    const email = values[emailAt]?.trim() ?? '';
    const date = values[dateAt]?.trim() ?? '';
    if (email === '' || !/^\d{4}-\d{2}-\d{2}$/u.test(date)) continue;
    const key = addressKey(email);
    if ((latest.get(key) ?? '') < date) latest.set(key, date);
  }
  return latest;
}

/** IO: the workspace's resubscriptions, as parseResubscriptions gives them; none when the file does not exist. */
export async function readResubscriptions(dir: string): Promise<Map<string, string>> {
  const csv = await readCsvFile(join(dir, RESUBSCRIPTIONS_FILE), RESUBSCRIPTIONS_FILE);
  return csv === undefined ? new Map() : parseResubscriptions(csv.text, RESUBSCRIPTIONS_FILE);
}
