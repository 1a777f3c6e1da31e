import { describe, expect, it } from 'vitest';
import { isLedgerEvent, recipientStates, type LedgerEvent } from '../../src/delivery/ledger-event.js';

const AT = '2026-12-07T09:00:00.000Z';
const LATER = '2026-12-07T09:05:00.000Z';

describe('isLedgerEvent', () => {
  it.each([
    { type: 'run', at: AT, pid: 4242, mode: 'list', transport: 'smtp' },
    { type: 'attempt', at: AT, to: 'ann@example.org', messageId: '<1@example.org>' },
    { type: 'delivered', at: AT, to: 'ann@example.org', response: '250 OK' },
    { type: 'deferred', at: AT, to: 'ann@example.org', reason: '451 try later' },
    { type: 'failed', at: AT, to: 'ann@example.org', reason: '550 no such user', bounced: false },
    { type: 'in-doubt', at: AT, to: 'ann@example.org', reason: 'connection lost' },
  ])('takes a well-formed $type line', (event) => {
    expect(isLedgerEvent(event)).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'attempt'],
    ['a number', 42],
    ['an array', [{ type: 'attempt', at: AT, to: 'ann@example.org' }]],
    ['a line with no type', { at: AT, to: 'ann@example.org' }],
    ['a type that is not text', { type: 1, at: AT, to: 'ann@example.org' }],
    ['a type the ledger does not write', { type: 'sent', at: AT, to: 'ann@example.org' }],
    ['a line with no time', { type: 'delivered', to: 'ann@example.org', response: '250 OK' }],
    ['a time that is not text', { type: 'delivered', at: 1765098000000, to: 'ann@example.org', response: '250 OK' }],
    ['a run with no process id', { type: 'run', at: AT, mode: 'list', transport: 'smtp' }],
    ['a run whose process id is text', { type: 'run', at: AT, pid: '4242', mode: 'list', transport: 'smtp' }],
    ['an outcome with no recipient', { type: 'delivered', at: AT, response: '250 OK' }],
    ['an attempt whose recipient is not text', { type: 'attempt', at: AT, to: ['ann@example.org'], messageId: '<1@example.org>' }],
  ])('refuses %s, so a damaged ledger is never read as a short one', (_what, value) => {
    expect(isLedgerEvent(value)).toBe(false);
  });
});

describe('recipientStates', () => {
  const attempt = (to: string, at = AT): LedgerEvent => ({ type: 'attempt', at, to, messageId: `<${at}@example.org>` });

  it('holds an attempt with no outcome after it in doubt: the run stopped while the server may have been taking it', () => {
    const states = recipientStates([{ type: 'run', at: AT, pid: 1, mode: 'list', transport: 'smtp' }, attempt('ann@example.org')]);
    expect([...states]).toEqual([
      ['ann@example.org', { state: 'in-doubt', at: AT, reason: 'attempted, but no reply was recorded (the run stopped while sending)', attempts: 1 }],
    ]);
  });

  it('gives each recipient the outcome of their last attempt, in its own words', () => {
    const states = recipientStates([
      attempt('ann@example.org'),
      { type: 'delivered', at: AT, to: 'ann@example.org', response: '250 2.0.0 queued as 1A2B' },
      attempt('bob@example.org'),
      { type: 'failed', at: AT, to: 'bob@example.org', reason: '550 5.1.1 no such user', bounced: true },
      attempt('cat@example.org'),
      { type: 'in-doubt', at: AT, to: 'cat@example.org', reason: 'the connection was lost after the data' },
    ]);
    expect(Object.fromEntries(states)).toEqual({
      'ann@example.org': { state: 'delivered', at: AT, response: '250 2.0.0 queued as 1A2B' },
      'bob@example.org': { state: 'failed', at: AT, reason: '550 5.1.1 no such user', bounced: true },
      'cat@example.org': { state: 'in-doubt', at: AT, reason: 'the connection was lost after the data', attempts: 1 },
    });
  });

  it('counts the attempts of a recipient deferred again and again, and of one now in doubt', () => {
    const states = recipientStates([
      attempt('ann@example.org'),
      { type: 'deferred', at: AT, to: 'ann@example.org', reason: '451 try later' },
      attempt('ann@example.org', LATER),
      { type: 'deferred', at: LATER, to: 'ann@example.org', reason: '421 closing' },
      attempt('bob@example.org'),
      { type: 'deferred', at: AT, to: 'bob@example.org', reason: '451 try later' },
      attempt('bob@example.org', LATER),
      attempt('cat@example.org'),
      { type: 'in-doubt', at: AT, to: 'cat@example.org', reason: 'no reply' },
      attempt('cat@example.org', LATER),
      { type: 'in-doubt', at: LATER, to: 'cat@example.org', reason: 'no reply again' },
    ]);
    expect(states.get('ann@example.org')).toEqual({ state: 'deferred', at: LATER, reason: '421 closing', attempts: 2 });
    expect(states.get('bob@example.org')).toEqual({
      state: 'in-doubt',
      at: LATER,
      reason: 'attempted, but no reply was recorded (the run stopped while sending)',
      attempts: 2,
    });
    expect(states.get('cat@example.org')).toEqual({ state: 'in-doubt', at: LATER, reason: 'no reply again', attempts: 2 });
  });

  it('counts an outcome written with no attempt before it (a failure before the message went out) as one attempt', () => {
    const states = recipientStates([
      { type: 'deferred', at: AT, to: 'ann@example.org', reason: 'could not connect' },
      { type: 'in-doubt', at: AT, to: 'bob@example.org', reason: 'no reply' },
    ]);
    expect(states.get('ann@example.org')).toMatchObject({ state: 'deferred', attempts: 1 });
    expect(states.get('bob@example.org')).toMatchObject({ state: 'in-doubt', attempts: 1 });
  });

  it('keys recipients as members are keyed now, so a ledger written with another spelling of the address still matches', () => {
    const states = recipientStates([attempt(' Ann@Example.ORG'), { type: 'delivered', at: LATER, to: 'ann@example.org', response: '250 OK' }]);
    expect([...states.keys()]).toEqual(['ann@example.org']);
    expect(states.get('ann@example.org')).toEqual({ state: 'delivered', at: LATER, response: '250 OK' });
  });

  it('reads nothing into run lines, and nothing at all from an empty ledger', () => {
    expect(recipientStates([{ type: 'run', at: AT, pid: 1, mode: 'test', transport: 'outbox' }]).size).toBe(0);
    expect(recipientStates([]).size).toBe(0);
  });
});
