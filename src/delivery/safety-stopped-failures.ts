import { addressKey } from '../contacts/member.js';
import type { LedgerEvent } from './ledger-event.js';
import { failureCode, SAFETY_WINDOW, SafetyStop, type SafetyTrip } from './safety-stop.js';

/** Pure: the failures of each run whose first answers trip the safety stop, with that run's code. */
export function safetyStoppedFailures(events: readonly LedgerEvent[]): Set<LedgerEvent> {
  const held = new Set<LedgerEvent>();
  let run: LedgerEvent[] = [];
  let checked = true;
  let runSize: number | undefined;
  const close = (): void => {
    if (checked) {
      // The threshold the run had while sending: from the size it set out with. A ledger from before that was
      // recorded gets the strictest one, as for a list of at least SAFETY_WINDOW: a run cut short after a few
      // recipients must not have its real bounces taken for the server's.
      const safety = new SafetyStop(runSize ?? SAFETY_WINDOW);
      let trip: SafetyTrip | undefined;
      for (const e of run) {
        if (e.type === 'delivered') safety.observe({ status: 'delivered', response: e.response });
        if (e.type === 'failed') trip ??= safety.observe({ status: 'failed', reason: e.reason, noSuchUser: e.bounced });
      }
      if (trip) for (const e of run) if (e.type === 'failed' && failureCode(e.reason) === trip.code) held.add(e);
    }
    run = [];
  };
  for (const event of events) {
    if (event.type === 'run') {
      close();
      checked = event.safetyStop !== false;
      runSize = event.recipients;
      continue;
    }
    run.push(event);
  }
  close();
  return held;
}

/** A recipient the ledger has as failed, though the refusal was the server's (its run trips the safety stop). */
export interface FalseFailure {
  key: string;
  /** As the ledger has it. */
  email: string;
  at: string;
  reason: string;
  bounced: boolean;
}

/**
 * Pure: the recipients whose last word in the ledger is a failure that the
 * safety stop would have held back: the server refused most of that run's
 * first recipients alike (a sender it would not take, a relay refusing
 * everyone), so the failure says nothing of the address. Ledgers written
 * before the safety stop, and before a refused sender stopped the run, hold
 * such failures; `send --resend-failed` sends to them.
 */
export function falseFailures(events: readonly LedgerEvent[]): FalseFailure[] {
  const held = safetyStoppedFailures(events);
  const last = new Map<string, LedgerEvent>();
  for (const event of events) if (event.type !== 'run' && event.type !== 'attempt') last.set(addressKey(event.to), event);
  const found: FalseFailure[] = [];
  for (const [key, event] of last) {
    if (event.type === 'failed' && held.has(event)) found.push({ key, email: event.to, at: event.at, reason: event.reason, bounced: event.bounced });
  }
  return found;
}
