import type { Member, Suppression } from '../contacts/member.js';
import type { Issue } from '../issue/issue.js';
import type { Mailbox } from '../schema/mailbox.js';

/** Whom the build's sample message is addressed to: the first member the issue would reach. */
export function sampleRecipient(issue: Issue, members: readonly Member[], suppressions: readonly Suppression[]): Mailbox {
  const suppressed = new Set(suppressions.map((s) => s.key));
  const member = members.find((m) => !suppressed.has(m.key) && (!issue.lists || m.lists.some((list) => issue.lists!.includes(list))));
  if (!member) return { name: 'Sample Member', address: 'member@example.org' };
  return member.name ? { name: member.name, address: member.email } : { address: member.email };
}
