import { describe, expect, it } from 'vitest';
import type { Member } from '../../src/contacts/member.js';
import { planDelivery } from '../../src/delivery/delivery-plan.js';
import { recipientStates, type LedgerEvent } from '../../src/delivery/ledger-event.js';

const member = (email: string, lists: string[] = ['members'], line = 2): Member => ({ email, key: email.trim().toLowerCase(), lists, line });
const at = '2026-12-01T09:00:00.000Z';

describe('planDelivery', () => {
  it('takes members of the lists, de-duplicated, minus suppressed and settled', () => {
    const members = [
      member('a@example.org'),
      member('B@example.org'),
      member('b@Example.org'),
      member('c@example.org', ['managers']),
      member('d@example.org'),
      member('e@example.org'),
      member('f@example.org'),
      member('g@example.org'),
    ];
    const events: LedgerEvent[] = [
      { type: 'attempt', at, to: 'd@example.org', messageId: 'x' },
      { type: 'delivered', at, to: 'd@example.org', response: '250' },
      { type: 'attempt', at, to: 'e@example.org', messageId: 'x' },
      { type: 'attempt', at, to: 'f@example.org', messageId: 'x' },
      { type: 'deferred', at, to: 'f@example.org', reason: '451' },
      { type: 'attempt', at, to: 'g@example.org', messageId: 'x' },
      { type: 'failed', at, to: 'g@example.org', reason: '550', bounced: true },
    ];
    const plan = planDelivery({
      members,
      suppressions: [{ key: 'a@example.org', line: 2 }],
      lists: ['members'],
      ledger: recipientStates(events),
      resendInDoubt: false,
    });
    expect(plan.send.map((r) => r.email)).toEqual(['B@example.org', 'f@example.org']);
    expect(plan).toMatchObject({ audience: 6, alreadyDelivered: 1, alreadyFailed: 1, retrying: 1 });
    expect(plan.suppressed.map((r) => r.key)).toEqual(['a@example.org']);
    expect(plan.inDoubt.map((r) => r.key)).toEqual(['e@example.org']);
  });

  it('sends in-doubt recipients again only when asked', () => {
    const events: LedgerEvent[] = [{ type: 'attempt', at, to: 'a@example.org', messageId: 'x' }];
    const plan = planDelivery({ members: [member('a@example.org')], suppressions: [], lists: undefined, ledger: recipientStates(events), resendInDoubt: true });
    expect(plan.send.map((r) => r.key)).toEqual(['a@example.org']);
  });

  it('sends to failed recipients again only when asked (--resend-failed), never to a suppressed one, and counts none of them as retrying', () => {
    const events: LedgerEvent[] = [
      { type: 'attempt', at, to: 'a@example.org', messageId: 'x' },
      { type: 'failed', at, to: 'a@example.org', reason: '550', bounced: true },
      { type: 'attempt', at, to: 'b@example.org', messageId: 'x' },
      { type: 'failed', at, to: 'b@example.org', reason: '550', bounced: true },
    ];
    const input = {
      members: [member('a@example.org'), member('b@example.org')],
      suppressions: [{ key: 'b@example.org', line: 2 }],
      lists: undefined,
      ledger: recipientStates(events),
      resendInDoubt: false,
    };
    expect(planDelivery(input)).toMatchObject({ send: [], alreadyFailed: 2, suppressed: [] });
    const again = planDelivery({ ...input, resendFailed: true });
    expect(again.send.map((r) => r.key)).toEqual(['a@example.org']);
    // The suppressed one stays failed: resending never reaches a suppressed address.
    expect(again).toMatchObject({ alreadyFailed: 1, suppressed: [], retrying: 0 });
  });

  it("sends to a member on several lists when any one of them is the issue's", () => {
    const members = [
      member('both@example.org', ['managers', 'members']),
      member('one@example.org', ['members']),
      member('other@example.org', ['managers', 'board']),
      member('none@example.org', []),
    ];
    const plan = planDelivery({ members, suppressions: [], lists: ['members', 'health-visitors'], ledger: new Map(), resendInDoubt: false });
    expect(plan.send.map((r) => r.key)).toEqual(['both@example.org', 'one@example.org']);
    expect(plan.audience).toBe(2);
  });

  it('sends to everyone when the issue names no lists', () => {
    const plan = planDelivery({
      members: [member('a@example.org', []), member('b@example.org', ['x'])],
      suppressions: [],
      lists: undefined,
      ledger: new Map(),
      resendInDoubt: false,
    });
    expect(plan.send).toHaveLength(2);
  });
});

describe('recipientStates', () => {
  it('folds the latest outcome; an attempt without one is in doubt', () => {
    const states = recipientStates([
      { type: 'run', at, pid: 1, mode: 'list', transport: 'smtp' },
      { type: 'attempt', at, to: 'a', messageId: 'x' },
      { type: 'deferred', at, to: 'a', reason: '451' },
      { type: 'attempt', at, to: 'a', messageId: 'x' },
      { type: 'delivered', at, to: 'a', response: '250 ok' },
      { type: 'attempt', at, to: 'b', messageId: 'y' },
      { type: 'attempt', at, to: 'c', messageId: 'z' },
      { type: 'in-doubt', at, to: 'c', reason: 'connection lost' },
    ]);
    expect(states.get('a')).toMatchObject({ state: 'delivered' });
    expect(states.get('b')).toMatchObject({ state: 'in-doubt', attempts: 1 });
    expect(states.get('c')).toMatchObject({ state: 'in-doubt', reason: 'connection lost' });
  });
});
