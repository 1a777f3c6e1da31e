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
