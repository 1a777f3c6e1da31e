import { describe, expect, it } from 'vitest';
import { bouncesToCatchUp } from '../../src/delivery/bounces-to-catch-up.js';
import { falseFailures } from '../../src/delivery/safety-stopped-failures.js';
import type { LedgerEvent } from '../../src/delivery/ledger-event.js';
import { failureCode, SafetyStop, safetyThreshold } from '../../src/delivery/safety-stop.js';

describe('safetyThreshold: more than half of the first 20 answers, at least 5', () => {
  it.each([
    [1, 5],
    [4, 5],
    [6, 5],
    [10, 6],
    [20, 11],
    [41, 11],
    [100_000, 11],
  ])('a run of %i stops at %i same-code refusals', (size, threshold) => {
    expect(safetyThreshold(size)).toBe(threshold);
  });
});

describe('failureCode', () => {
  it.each([
    ['550 5.1.1 <a@example.org>: Recipient address rejected', '5.1.1'],
    ['550-5.1.1 The email account that you tried to reach does not exist', '5.1.1'],
    ['554 Transaction failed', '554'],
    ['mailbox full', 'mailbox full'],
  ])('%s is counted as %s', (reason, code) => {
    expect(failureCode(reason)).toBe(code);
  });
});

describe('SafetyStop', () => {
  const failed = (reason: string) => ({ status: 'failed' as const, reason, noSuchUser: true });
  const delivered = { status: 'delivered' as const, response: '250 ok' };

  it('trips at the 11th same-code refusal of a large run, once', () => {
    const safety = new SafetyStop(41);
    const trips = Array.from({ length: 20 }, () => safety.observe(failed('550 5.1.1 unknown')));
    expect(trips.findIndex((t) => t !== undefined)).toBe(10);
    expect(trips.filter((t) => t !== undefined)).toEqual([{ code: '5.1.1', failures: 11, answers: 11, words: '550 5.1.1 unknown' }]);
  });

  it('does not count different codes together, nor anything after the first 20 answers', () => {
    const safety = new SafetyStop(1000);
    for (let i = 0; i < 10; i++) expect(safety.observe(failed('550 5.1.1 unknown'))).toBeUndefined();
    for (let i = 0; i < 10; i++) expect(safety.observe(i % 2 === 0 ? failed('550 5.7.1 spam') : delivered)).toBeUndefined();
    for (let i = 0; i < 50; i++) expect(safety.observe(failed('550 5.1.1 unknown'))).toBeUndefined();
  });

  it('ignores deferrals and messages in doubt: they are not answers', () => {
    const safety = new SafetyStop(41);
    for (let i = 0; i < 30; i++) safety.observe({ status: 'deferred', reason: '451 later', connectionFailure: false });
    const trips = Array.from({ length: 11 }, () => safety.observe(failed('550 5.1.1 unknown')));
    expect(trips.at(-1)).toMatchObject({ failures: 11, answers: 11 });
  });
});

describe('bouncesToCatchUp after a run the safety stop stopped (or would have, had the process lived)', () => {
  const run = (safetyStop?: false): LedgerEvent => ({
    type: 'run',
    at: '2026-12-01T09:00:00Z',
    pid: 1,
    mode: 'list',
    transport: 'smtp',
    ...(safetyStop === false ? { safetyStop } : {}),
  });
  const refused = (n: number): LedgerEvent[] =>
    Array.from({ length: n }, (_, i): LedgerEvent[] => [
      { type: 'attempt', at: '2026-12-01T09:00:01Z', to: `m${i}@example.org`, messageId: `<${i}@x>` },
      { type: 'failed', at: '2026-12-01T09:00:02Z', to: `m${i}@example.org`, reason: '550 5.1.1 unknown', bounced: true },
    ]).flat();

  it('suppresses none of the refusals of that run', () => {
    expect(bouncesToCatchUp([run(), ...refused(11)], new Map(), 'Europe/London')).toEqual([]);
  });

  it('catches them up when that run was told they are real (--no-safety-stop)', () => {
    expect(bouncesToCatchUp([run(false), ...refused(11)], new Map(), 'Europe/London')).toHaveLength(11);
  });

  it('catches up an ordinary run’s few bounces', () => {
    const events: LedgerEvent[] = [run(), ...refused(2)];
    for (let i = 10; i < 30; i++) {
      events.push({ type: 'attempt', at: '2026-12-01T09:00:03Z', to: `m${i}@example.org`, messageId: `<${i}@x>` });
      events.push({ type: 'delivered', at: '2026-12-01T09:00:04Z', to: `m${i}@example.org`, response: '250 ok' });
    }
    expect(bouncesToCatchUp(events, new Map(), 'Europe/London')).toHaveLength(2);
  });
});

describe('falseFailures: what `status` points out and `send --resend-failed` repairs', () => {
  const run: LedgerEvent = { type: 'run', at: '2026-12-01T09:00:00Z', pid: 1, mode: 'list', transport: 'smtp' };
  const attempt = (to: string): LedgerEvent => ({ type: 'attempt', at: '2026-12-01T09:00:01Z', to, messageId: `<${to}>` });
  const failed = (to: string, reason = '550 5.7.1 Client does not have permissions to send as this sender'): LedgerEvent => ({
    type: 'failed',
    at: '2026-12-01T09:00:02Z',
    to,
    reason,
    bounced: false,
  });
  const everyone = Array.from({ length: 12 }, (_, i) => `m${i}@example.org`);

  it('lists the recipients last failed in a run refused alike, and no one a later run settled', () => {
    const events: LedgerEvent[] = [run, ...everyone.flatMap((to) => [attempt(to), failed(to)])];
    events.push(run, attempt('m0@example.org'), { type: 'delivered', at: '2026-12-02T09:00:00Z', to: 'm0@example.org', response: '250 ok' });
    expect(falseFailures(events).map((f) => f.key)).toEqual(everyone.slice(1));
  });

  it('lists nobody from an ordinary run with a few failures', () => {
    const events: LedgerEvent[] = [
      run,
      ...everyone.flatMap((to, i): LedgerEvent[] => [
        attempt(to),
        i < 3 ? failed(to, '550 5.1.1 unknown') : { type: 'delivered', at: '2026-12-01T09:00:03Z', to, response: '250 ok' },
      ]),
    ];
    expect(falseFailures(events)).toEqual([]);
  });

  it('holds a run cut short to the threshold it had while sending, not one worked out from the few it reached (regression: 6 real bounces of 10 tried were taken for the server)', () => {
    const ten = everyone.slice(0, 10);
    const cutShort = (start: LedgerEvent): LedgerEvent[] => [
      start,
      ...ten.flatMap((to, i): LedgerEvent[] => [
        attempt(to),
        i < 6 ? failed(to, '550 5.1.1 unknown') : { type: 'delivered', at: '2026-12-01T09:00:03Z', to, response: '250 ok' },
      ]),
    ];
    // Set out to send to 1,000: 11 of the first 20 would have stopped it.
    expect(falseFailures(cutShort({ ...run, recipients: 1000 }))).toEqual([]);
    // A ledger from before the size was recorded: the strictest threshold.
    expect(falseFailures(cutShort(run))).toEqual([]);
    // A run that set out to send to these ten alone had a threshold of 6: that one was the server.
    expect(falseFailures(cutShort({ ...run, recipients: 10 })).map((f) => f.key)).toEqual(ten.slice(0, 6));
  });
});
