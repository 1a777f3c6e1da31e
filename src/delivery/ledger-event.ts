import { addressKey } from '../contacts/member.js';

/**
 * One line of an issue's ledger (`.snippet/ledger/ISSUE.jsonl`). The ledger is
 * append-only and fsync'd: `attempt` is durable before the SMTP transaction
 * starts and the outcome is written after it, so after a crash at any moment
 * each recipient is known to be delivered, failed, deferred, in doubt or not
 * yet attempted.
 */
export type LedgerEvent =
  /** `safetyStop: false`: the run was told its refusals are real (--no-safety-stop). */
  /** `recipients`: how many the run set out to send to, which sets its safety stop's threshold (absent before 2026-12-07). */
  | { type: 'run'; at: string; pid: number; mode: SendMode; transport: string; recipients?: number; safetyStop?: false }
  | { type: 'attempt'; at: string; to: string; messageId: string }
  | { type: 'delivered'; at: string; to: string; response: string }
  | { type: 'deferred'; at: string; to: string; reason: string }
  | { type: 'failed'; at: string; to: string; reason: string; bounced: boolean }
  | { type: 'in-doubt'; at: string; to: string; reason: string };

export type SendMode = 'list' | 'test';

export type Outcome = Exclude<LedgerEvent, { type: 'run' } | { type: 'attempt' }>;

/** What the ledger says of one recipient. */
export type RecipientState =
  | { state: 'delivered'; at: string; response: string }
  | { state: 'failed'; at: string; reason: string; bounced: boolean }
  | { state: 'deferred'; at: string; reason: string; attempts: number }
  /** Attempted with no reply seen: the server may have the message. */
  | { state: 'in-doubt'; at: string; reason: string; attempts: number };

const TYPES = new Set(['run', 'attempt', 'delivered', 'deferred', 'failed', 'in-doubt']);

/** Whether a parsed JSON value is a well-formed ledger event. */
export function isLedgerEvent(value: unknown): value is LedgerEvent {
  if (value === null || typeof value !== 'object') return false;
  const event = value as Record<string, unknown>;
  if (typeof event.type !== 'string' || !TYPES.has(event.type) || typeof event.at !== 'string') return false;
  if (event.type === 'run') return typeof event.pid === 'number';
  return typeof event.to === 'string';
}

/**
 * Folds a ledger into each recipient's state. An attempt with no outcome after
 * it is in doubt: the process stopped (or the connection was lost) while the
 * server may have been taking the message.
 */
export function recipientStates(events: Iterable<LedgerEvent>): Map<string, RecipientState> {
  const states = new Map<string, RecipientState>();
  const attempts = new Map<string, number>();
  for (const event of events) {
    if (event.type === 'run') continue;
    // Keyed as members are now, so a ledger written before domains were normalised still matches its members.
    const to = addressKey(event.to);
    switch (event.type) {
      case 'attempt': {
        const count = (attempts.get(to) ?? 0) + 1;
        attempts.set(to, count);
        states.set(to, { state: 'in-doubt', at: event.at, reason: 'attempted, but no reply was recorded (the run stopped while sending)', attempts: count });
        break;
      }
      case 'delivered':
        states.set(to, { state: 'delivered', at: event.at, response: event.response });
        break;
      case 'failed':
        states.set(to, { state: 'failed', at: event.at, reason: event.reason, bounced: event.bounced });
        break;
      case 'deferred':
        states.set(to, { state: 'deferred', at: event.at, reason: event.reason, attempts: attempts.get(to) ?? 1 });
        break;
      case 'in-doubt':
        states.set(to, { state: 'in-doubt', at: event.at, reason: event.reason, attempts: attempts.get(to) ?? 1 });
        break;
    }
  }
  return states;
}
