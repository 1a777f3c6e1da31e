import type { MailboxEntry, MailboxResult } from '../actions/mailbox-command.js';

/** One line of `snippet mailbox`'s report: where, what, who, and what was done. */
export function entryLine(entry: MailboxEntry, dryRun: boolean): string {
  const what = [entry.kind, entry.recipient ?? '', entry.status ?? '', entry.issue ? `(${entry.issue})` : ''].filter(Boolean).join('  ');
  const outcome = entry.outcome;
  const would = dryRun ? 'would be ' : '';
  switch (outcome.action) {
    case 'suppress':
      return `${entry.source}  ${what}: ${would}suppressed, ${outcome.reason}`;
    case 'record':
      return `${entry.source}  ${what}: ${would}recorded in contacts/bounces.csv (${outcome.detail})`;
    case 'done-before':
      return `${entry.source}  ${what}: acted on by an earlier run`;
    case 'confirm':
      return `${entry.source}  ${what}: to confirm, ${outcome.why}`;
    case 'nothing':
      return `${entry.source}  ${what}: nothing to do, ${outcome.why}`;
    case 'unreadable':
      return `${entry.source}  could not be read: ${outcome.why}`;
  }
}

/** The closing lines: the totals, the unsubscribe requests for the coordinator, and where the reports went. */
export function summaryLines(result: MailboxResult, options: { dryRun: boolean; processedFolder: string }): string[] {
  const count = (action: string): number => result.entries.filter((e) => e.outcome.action === action).length;
  const lines: string[] = [];
  const seen = result.seenBefore > 0 ? ` (${result.seenBefore} read by an earlier run, left alone)` : '';
  lines.push(
    `${options.dryRun ? '[dry run] ' : ''}${plural(result.read, 'message')} read${seen}: ${count('suppress')} ${options.dryRun ? 'to suppress' : 'suppressed'}, ${count('record')} ${options.dryRun ? 'to record' : 'recorded'}, ${count('confirm')} to confirm.`,
  );
  const confirm = result.entries.filter((e) => e.outcome.action === 'confirm');
  if (confirm.length > 0) {
    lines.push('Unsubscribe requests by email that snippet could not verify (nothing done; they stay in the mailbox):');
    for (const entry of confirm)
      lines.push(`  ${entry.recipient} (${entry.source}): if the member asked, run \`snippet contacts unsubscribe ${entry.recipient}\``);
  }
  if (result.notRead.length > 0) lines.push(`Not read (Outlook .msg): ${result.notRead.join(', ')}. Save them as .eml (File > Save as) and run again.`);
  if (options.dryRun) lines.push('[dry run] Nothing was written or moved.');
  else if (result.moved > 0) lines.push(`${plural(result.moved, 'report')} moved to ${options.processedFolder}.`);
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
