import { addressKey } from '../contacts/member.js';
import { zonedDate } from '../time/zoned-time.js';
import type { Recipient } from './delivery-plan.js';
import type { LedgerEvent } from './ledger-event.js';
import { safetyStoppedFailures } from './safety-stopped-failures.js';

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
  const heldBack = safetyStoppedFailures(events);
  for (const event of events) {
    if (event.type !== 'failed' || !event.bounced || heldBack.has(event)) continue;
    const key = addressKey(event.to);
    const lifted = resubscribed.get(key);
    if (lifted !== undefined && lifted >= zonedDate(new Date(event.at), timeZone)) continue;
    found.set(key, { key, email: event.to });
  }
  return [...found.values()];
}
