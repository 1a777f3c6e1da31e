import type { Member, Suppression } from '../contacts/member.js';
import { planDelivery, type Recipient } from '../delivery/delivery-plan.js';
import type { Issue } from '../issue/issue.js';
import type { Mailbox } from '../schema/mailbox.js';

/** Who a sample is made for when the issue would reach nobody. */
export const STAND_IN_RECIPIENT: Recipient = { key: 'member@example.org', email: 'member@example.org', name: 'Sample Member' };

/** Whom a sample message is addressed to: the first member a send of the issue would reach. */
export function sampleRecipient(issue: Issue, members: readonly Member[], suppressions: readonly Suppression[]): Mailbox & { greetingName?: string } {
  const first = planDelivery({ members, suppressions, lists: issue.lists, ledger: new Map(), resendInDoubt: false }).send[0] ?? STAND_IN_RECIPIENT;
  return { ...(first.name ? { name: first.name } : {}), address: first.email, ...(first.greetingName ? { greetingName: first.greetingName } : {}) };
}
