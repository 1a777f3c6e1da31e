import { hasErrors, type Problem } from '../errors.js';
import { normaliseAddress } from '../schema/mailbox.js';
import { addressKey, type Suppression } from './member.js';
import { columnIndexes } from './parse-members.js';
import { readCsvRows } from './read-csv-rows.js';

export interface ParsedSuppressions {
  suppressions: Suppression[];
  problems: Problem[];
}

/** Pure: `contacts/suppressions.csv` (email,date,reason) in, suppressed addresses out. */
export function parseSuppressions(text: string, file: string): ParsedSuppressions {
  const csv = readCsvRows(text, file);
  // A warning (say, a character that is not UTF-8) must not drop every suppression: only an error stops the read.
  if (hasErrors(csv.problems)) return { suppressions: [], problems: csv.problems };
  const { email: emailAt, date: dateAt, reason: reasonAt } = suppressionColumns(csv.header);
  if (emailAt < 0) {
    return {
      suppressions: [],
      problems: [{ severity: 'error', file, line: 1, message: 'no email column in the header', hint: 'The first line must be: email,date,reason' }],
    };
  }
  const problems: Problem[] = [...csv.problems];
  const suppressions: Suppression[] = [];
  for (const { values, line } of csv.rows) {
    const email = values[emailAt]?.trim() ?? '';
    const address = normaliseAddress(email);
    if (address === undefined) {
      // Still suppressed as written: a typo here must never let mail through.
      problems.push({
        severity: 'warning',
        file,
        line,
        message: `"${email}" does not look like an email address`,
        hint: 'Correct it so the address it means stays suppressed.',
      });
    }
    if (email === '') continue;
    const date = dateAt >= 0 ? values[dateAt]?.trim() : undefined;
    const reason = reasonAt >= 0 ? values[reasonAt]?.trim() : undefined;
    // The same address key as members.csv: a suppression must match the member it means.
    suppressions.push({ key: addressKey(address ?? email), line, ...(date ? { date } : {}), ...(reason ? { reason } : {}) });
  }
  return { suppressions, problems };
}

/**
 * Where suppressions.csv keeps each value, -1 where it has no such column:
 * the email by the same column names as members.csv, date and reason by
 * their own names. Every reader and writer of the file finds them here.
 */
export function suppressionColumns(header: readonly string[]): { email: number; date: number; reason: number } {
  const [email, date, reason] = columnIndexes(header, ['email', 'date', 'reason']) as [number, number, number];
  return { email, date, reason };
}
