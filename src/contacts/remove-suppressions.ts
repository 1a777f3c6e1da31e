import { hasErrors, SnippetError } from '../errors.js';
import { normaliseAddress } from '../schema/mailbox.js';
import { addressKey } from './member.js';
import { suppressionColumns } from './parse-suppressions.js';
import { readCsvRows } from './read-csv-rows.js';

export interface RemovedSuppression {
  line: number;
  /** The row's email cell as written. */
  email: string;
  date: string;
  reason: string;
}

/**
 * Pure: suppressions.csv without the rows for `key`. Every other byte stays
 * as it was (other rows, quoting, separator, line ends, byte-order mark).
 */
export function removeSuppressions(text: string, file: string, key: string): { text: string; removed: RemovedSuppression[] } {
  const csv = readCsvRows(text, file);
  if (hasErrors(csv.problems))
    throw new SnippetError(`nothing changed: ${file} cannot be read`, {
      problems: csv.problems.filter((p) => p.severity === 'error'),
      hint: 'Correct it, then try again.',
    });
  const { email: emailAt, date: dateAt, reason: reasonAt } = suppressionColumns(csv.header);
  const removed: RemovedSuppression[] = [];
  let source = csv.source;
  for (const row of [...csv.rows].reverse()) {
    const written = row.values[emailAt]?.trim() ?? '';
    if (written === '' || addressKey(normaliseAddress(written) ?? written) !== key) continue;
    removed.unshift({ line: row.line, email: written, date: row.values[dateAt]?.trim() ?? '', reason: row.values[reasonAt]?.trim() ?? '' });
    const ending = /^(?:\r\n|\r|\n)/u.exec(source.slice(row.end))?.[0] ?? '';
    source = source.slice(0, row.start) + source.slice(row.end + ending.length);
  }
  return { text: (csv.bom ? '\uFEFF' : '') + source, removed };
}
