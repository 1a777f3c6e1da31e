import { join } from 'node:path';
import { appendResubscriptions, type Resubscription } from '../contacts/append-resubscriptions.js';
import { SUPPRESSIONS_FILE, type Suppression } from '../contacts/member.js';
import { readCsvFile } from '../contacts/read-csv-file.js';
import { removeSuppressions } from '../contacts/remove-suppressions.js';
import { readLedger } from '../delivery/ledger-file.js';
import { falseFailures, type FalseFailure } from '../delivery/safety-stopped-failures.js';
import { ledgerLabel, ledgerPath } from '../delivery/state-paths.js';
import { writeFilesAtomically } from '../fs/write-files-atomically.js';
import type { IssueId } from '../issue/issue.js';
import { zonedDate } from '../time/zoned-time.js';
import { withSuppressionsToChange } from './with-suppressions-to-change.js';

/** Who lifted a false bounce, in contacts/resubscriptions.csv. */
const LIFTED_BY = 'snippet send --resend-failed';

/**
 * Pure: the suppressions a false failure wrote: its address suppressed as
 * bounced on the day of that failure, and for nothing else. An address
 * suppressed for any other reason too (an unsubscribe, a complaint) stays
 * suppressed: that is the member's own word.
 */
export function falseBounces(failures: readonly FalseFailure[], suppressions: readonly Suppression[], timeZone: string): Map<string, FalseFailure> {
  const found = new Map<string, FalseFailure>();
  for (const failure of failures) {
    if (!failure.bounced) continue;
    const rows = suppressions.filter((s) => s.key === failure.key);
    const day = zonedDate(new Date(failure.at), timeZone);
    if (rows.length > 0 && rows.every((row) => row.reason === 'bounced' && row.date === day)) found.set(failure.key, failure);
  }
  return found;
}

/** The false failures of an issue's ledger (see falseFailures), read from disk. */
export async function readFalseFailures(dir: string, issue: IssueId): Promise<FalseFailure[]> {
  return falseFailures(await readLedger(ledgerPath(dir, issue, 'list'), ledgerLabel(issue, 'list')));
}

/**
 * Lifts the suppressions that false failures wrote, under the contacts lock:
 * each is recorded in contacts/resubscriptions.csv, saying why, before it
 * leaves suppressions.csv (a crash between the two leaves both, and the next
 * `--resend-failed` finishes the job). Returns the addresses lifted.
 */
export async function liftFalseBounces(dir: string, failures: readonly FalseFailure[], timeZone: string, now: Date): Promise<string[]> {
  return withSuppressionsToChange(dir, 'no suppression was lifted', async (contacts) => {
    const lifting = falseBounces(failures, contacts.suppressions, timeZone);
    if (lifting.size === 0) return [];
    const csv = (await readCsvFile(join(dir, SUPPRESSIONS_FILE), SUPPRESSIONS_FILE))!;
    let text = csv.text;
    const records: Resubscription[] = [];
    const today = zonedDate(now, timeZone);
    for (const [key, failure] of lifting) {
      const removed = removeSuppressions(text, SUPPRESSIONS_FILE, key);
      text = removed.text;
      for (const row of removed.removed) {
        records.push({
          email: key,
          suppressedOn: row.date,
          suppressionReason: row.reason,
          resubscribedOn: today,
          by: LIFTED_BY,
          reason: `the server refused most of that run's recipients alike (${failure.reason.split('\n')[0]!}): the refusal was the server's, not this address's`,
        });
      }
    }
    await appendResubscriptions(dir, records);
    await writeFilesAtomically(dir, [{ name: SUPPRESSIONS_FILE, data: text }], { shownDir: '' });
    return [...lifting.keys()];
  });
}
