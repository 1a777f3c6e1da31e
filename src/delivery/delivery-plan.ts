import type { Member, Suppression } from '../contacts/member.js';
import type { RecipientState } from './ledger-event.js';

export interface Recipient {
  /** Normalised address: the ledger's key. */
  key: string;
  /** As written in members.csv. */
  email: string;
  name?: string;
  greetingName?: string;
}

/** Who an issue goes to in this run, and why everyone else does not. */
export interface DeliveryPlan {
  /** To send now, in members.csv order (deferred ones from earlier runs included). */
  send: Recipient[];
  /** Members of the lists before anything was taken away. */
  audience: number;
  suppressed: Recipient[];
  alreadyDelivered: number;
  alreadyFailed: number;
  /** In doubt from an earlier run and not resent (needs --resend-in-doubt). */
  inDoubt: Recipient[];
  /** Deferred earlier, sent again in this run. */
  retrying: number;
}

export interface PlanInput {
  members: readonly Member[];
  suppressions: readonly Suppression[];
  /** The issue's `lists`; everyone when undefined. */
  lists: readonly string[] | undefined;
  /** What the ledger says so far. */
  ledger: ReadonlyMap<string, RecipientState>;
  resendInDoubt: boolean;
  /** Failed recipients are sent to again, unless suppressed (`send --resend-failed`). */
  resendFailed?: boolean;
}

/**
 * Pure: members of the lists, de-duplicated by normalised address,
 * minus suppressions, minus recipients the ledger has already settled.
 */
export function planDelivery(input: PlanInput): DeliveryPlan {
  const suppressed = new Set(input.suppressions.map((s) => s.key));
  const seen = new Set<string>();
  const plan: DeliveryPlan = { send: [], audience: 0, suppressed: [], alreadyDelivered: 0, alreadyFailed: 0, inDoubt: [], retrying: 0 };
  for (const member of input.members) {
    if (seen.has(member.key)) continue;
    if (input.lists && !member.lists.some((list) => input.lists!.includes(list))) continue;
    seen.add(member.key);
    plan.audience++;
    // A member is a recipient: the plan holds the members themselves, not a copy of each.
    const recipient: Recipient = member;
    const state = input.ledger.get(member.key);
    if (state?.state === 'delivered') plan.alreadyDelivered++;
    else if (state?.state === 'failed' && !(input.resendFailed === true && !suppressed.has(member.key))) plan.alreadyFailed++;
    else if (suppressed.has(member.key)) plan.suppressed.push(recipient);
    else if (state?.state === 'in-doubt' && !input.resendInDoubt) plan.inDoubt.push(recipient);
    else {
      if (state?.state === 'deferred') plan.retrying++;
      plan.send.push(recipient);
    }
  }
  return plan;
}
