import type { SendDueOutcome } from '../actions/send-due-outcome.js';

const EXIT_MEANING: Record<0 | 1 | 75, string> = { 0: 'done', 1: 'something needs fixing', 75: 'work left for the next run' };

/** Pure: the one line a cron log ends with. */
export function describeDueRun(outcome: SendDueOutcome, local: (at: Date) => string): string {
  const next = outcome.next ? `next: ${outcome.next.issue} at ${local(new Date(outcome.next.sendAt))}` : 'no issue is scheduled after it';
  if (outcome.issues.length === 0) {
    const skipped = outcome.skipped.map((s) => `${s.issue} ${s.reason === 'unreadable' ? 'has errors' : `skipped (${s.reason})`}`);
    return `summary: nothing due at ${local(new Date(outcome.now))}${skipped.length > 0 ? `; ${skipped.join(', ')}` : ''}; ${next}; exit ${outcome.exitCode} (${EXIT_MEANING[outcome.exitCode]})`;
  }
  const parts = outcome.issues.map((i) => {
    switch (i.result) {
      case 'locked':
        return `${i.issue} not sent: another send holds the lock`;
      case 'error':
        return `${i.issue} not sent: ${i.error ?? 'error'}`;
      case 'planned':
        return `${i.issue} would send ${i.left} (dry run)`;
      default:
        return `${i.issue} delivered ${i.delivered}, failed ${i.failed}, in doubt ${i.inDoubt}, left ${i.left}${i.stopped ? ` (stopped: ${i.stopped})` : ''}`;
    }
  });
  return `summary: ${parts.join('; ')}${outcome.deliveryReport ? `; delivery report ${outcome.deliveryReport}` : ''}; exit ${outcome.exitCode} (${EXIT_MEANING[outcome.exitCode]})`;
}
