import type { StopReason } from '../delivery/send-engine.js';
import type { IssueId } from '../issue/issue.js';

/** What `send --due` did with one due issue. */
export interface DueIssueOutcome {
  issue: IssueId;
  /** ISO instant. */
  sendAt: string;
  /** planned: --dry-run; locked: another run holds the lock. */
  result: 'sent' | 'planned' | 'nothing-to-send' | 'error' | 'locked';
  exitCode: 0 | 1 | 75;
  /** SMTP transactions started in this run. */
  attempts: number;
  delivered: number;
  failed: number;
  inDoubt: number;
  /** Left for a later run: deferred or not yet tried. */
  left: number;
  stopped?: StopReason['kind'];
  error?: string;
}

/** The whole `send --due` run: what `--json` prints. */
export interface SendDueOutcome {
  exitCode: 0 | 1 | 75;
  /** The time the run took as now (ISO), `--now` when given. */
  now: string;
  issues: DueIssueOutcome[];
  skipped: Array<{ issue: IssueId; sendAt: string; reason: 'draft' | 'stale' | 'unreadable' }>;
  /** The next issue whose time is still to come. */
  next: { issue: IssueId; sendAt: string } | undefined;
  /** Whether the delivery report went to `report_to` (undefined: none was due). */
  deliveryReport: 'sent' | 'not-sent' | undefined;
}

/** 1 (something to fix) outweighs 75 (try again later), which outweighs 0. */
export function combineExitCodes(codes: ReadonlyArray<0 | 1 | 75>): 0 | 1 | 75 {
  if (codes.includes(1)) return 1;
  if (codes.includes(75)) return 75;
  return 0;
}

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
