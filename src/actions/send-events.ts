import type { RateLimit } from '../config/rate-limit.js';
import type { DeliveryPlan } from '../delivery/delivery-plan.js';
import type { SendMode } from '../delivery/ledger-event.js';
import type { IssueTiming } from '../delivery/select-due-issues.js';
import type { EngineEvent, SendReport } from '../delivery/send-engine.js';
import type { FollowUpOutcome, SuppressionFailure } from '../delivery/send-session.js';
import type { Problem, SnippetError } from '../errors.js';
import type { IssueId, IssueStatus } from '../issue/issue.js';
import type { SendDueOutcome } from './send-due-outcome.js';

/** Where a send goes and how fast. */
export interface SendRoute {
  /** For people: `outbox DIR`, or the server as `smtp://user@host:port`. */
  transport: string;
  connections: number;
  rates: readonly RateLimit[];
}

/** What a dry run shows of one issue, beside its plan. */
export interface PlanPreview extends SendRoute {
  subject: string;
  status: IssueStatus;
  sendAt: Date;
  /** The time the run took as now (`--now` for cron), against which the schedule is told. */
  now: number;
  timeZone: string;
  /** The size of one recipient's message. */
  messageBytes: number;
  mode: SendMode;
}

/**
 * The question asked before an issue goes to the list, as data: each front
 * door words it (a terminal prompt, a page with two buttons).
 */
export interface SendQuestion {
  issue: IssueId;
  subject: string;
  /** How many members it goes to now. */
  members: number;
  transport: string;
  /** Set when the issue's time has not come yet: the answer must be to sending it early. */
  early: { sendAt: Date; now: number; timeZone: string } | undefined;
}

/** One issue's run, as the report shows it. */
export interface IssueReport {
  issue: IssueId;
  plan: DeliveryPlan;
  report: SendReport;
  elapsedMs: number;
  /** Bounced addresses added to suppressions.csv. */
  bouncesAdded: number;
  suppressionFailure: SuppressionFailure | undefined;
}

/**
 * What a send does, as it does it, in order: each front door words these
 * (the CLI as lines, a web page as HTML). Times are the send's clock.
 */
export type SendEvent =
  /** `send --due --now`: the run pretends it is `now`. */
  | { type: 'pretending'; now: Date; timeZone: string }
  /** `send --due` with mailbox.before_send: the mailbox was read first. */
  | { type: 'mailbox-read'; read: number; suppressed: number; toConfirm: number; moved: number; dryRun: boolean }
  /** `send --due` with mailbox.before_send: the mailbox could not be read; the send goes on without it. */
  | { type: 'mailbox-unread'; error: SnippetError }
  /** `send --due`: issues whose time has passed that are not sent, and why. */
  | {
      type: 'skipped';
      drafts: IssueTiming[];
      stale: IssueTiming[];
      staleAfterMs: number;
      unreadable: Array<IssueTiming & { problems: Problem[] }>;
      timeZone: string;
    }
  /** `send --due`: an issue is taken up because its time has passed; `now` is the run's (a schedule may wake late). */
  | { type: 'due'; issue: IssueId; sendAt: Date; timeZone: string; now: number }
  /** Warnings about the issue, found while preparing it. */
  | { type: 'problems'; issue: IssueId; problems: Problem[] }
  /** A dry run's plan of one issue. */
  | { type: 'planned'; issue: IssueId; plan: DeliveryPlan; preview: PlanPreview }
  /**
   * `--resend-failed`: these addresses were suppressed as bounced by a run
   * the server refused alike; they are lifted (recorded in
   * resubscriptions.csv) once the send is confirmed, or would be (dry run).
   */
  | { type: 'lifting'; issue: IssueId; addresses: string[]; dryRun: boolean }
  /** Everyone has been sent to or cannot be: the run sends nothing. */
  | { type: 'nothing-to-send'; issue: IssueId; plan: DeliveryPlan }
  /** The question was answered no: nothing was sent. */
  | { type: 'declined'; issue: IssueId }
  | { type: 'started'; issue: IssueId; mode: SendMode; count: number; route: SendRoute; timeZone: string; at: number }
  | { type: 'progress'; issue: IssueId; event: EngineEvent; at: number }
  /** The issue's run is over; a stop that needs fixing follows as an error. */
  | ({ type: 'report' } & IssueReport)
  /** `send --due`: this issue could not be sent (its messages, the transport); the run goes on. */
  | { type: 'issue-error'; issue: IssueId; error: SnippetError }
  /** `send --due`: another run holds the send lock; every issue is left to it. */
  | { type: 'locked'; error: SnippetError }
  /** `send --due`: the delivery report mailed to report_to after a run that sent. */
  | { type: 'delivery-report'; to: string; outcome: FollowUpOutcome }
  /** `send --due`: the run is over. */
  | { type: 'summary'; outcome: SendDueOutcome; timeZone: string };

/** How a front door follows a send. */
export interface SendListener {
  onEvent: (event: SendEvent) => void;
}

/** How a front door follows `send --due`, which mails its log to report_to. */
export interface SendDueListener extends SendListener {
  /** The run's log so far, as this front door words it: the text of the delivery report. */
  log(): string;
}
