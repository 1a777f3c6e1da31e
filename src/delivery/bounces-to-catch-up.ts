import { addressKey } from '../contacts/member.js';
import { zonedDate } from '../time/zoned-time.js';
import type { Recipient } from './delivery-plan.js';
import type { LedgerEvent } from './ledger-event.js';
import { failureCode, SafetyStop, type SafetyTrip } from './safety-stop.js';

/**
 * Pure: the bounces in an issue's ledger that an earlier run may have
 * stopped before suppressing, keyed as suppressions are (addressKey, so a
 * punycode or upper-case spelling matches its suppression). A bounce on or
 * before the day its address was resubscribed is left out: the resubscription
 * is the later word, and catching that bounce up would undo it. Nor are
 * the refusals of a run the safety stop stopped (or would have: the process
 * may have died before it said so), unless that run was told they were real.
 */
export function bouncesToCatchUp(events: readonly LedgerEvent[], resubscribed: ReadonlyMap<string, string>, timeZone: string): Recipient[] {
  const found = new Map<string, Recipient>();
  const heldBack = safetyStopped(events);
  for (const event of events) {
    if (event.type !== 'failed' || !event.bounced || heldBack.has(event)) continue;
    const key = addressKey(event.to);
    const lifted = resubscribed.get(key);
    if (lifted !== undefined && lifted >= zonedDate(new Date(event.at), timeZone)) continue;
    found.set(key, { key, email: event.to });
  }
  return [...found.values()];
}

/** Pure: the failures of each run whose first answers trip the safety stop, with that run's code. */
function safetyStopped(events: readonly LedgerEvent[]): Set<LedgerEvent> {
  const held = new Set<LedgerEvent>();
  let run: LedgerEvent[] = [];
  let checked = true;
  const close = (): void => {
    if (checked) {
      const attempted = new Set(run.flatMap((e) => (e.type === 'attempt' ? [e.to] : [])));
      const safety = new SafetyStop(attempted.size);
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
      continue;
    }
    run.push(event);
  }
  close();
  return held;
}
