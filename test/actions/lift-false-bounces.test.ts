import { describe, expect, it } from 'vitest';
import { falseBounces } from '../../src/actions/lift-false-bounces.js';
import type { FalseFailure } from '../../src/delivery/safety-stopped-failures.js';

describe('falseBounces: the suppressions a run refused alike wrote, and only those', () => {
  const failure = (key: string, bounced = true): FalseFailure => ({ key, email: key, at: '2026-12-01T23:30:00Z', reason: '550 5.1.0 Sender denied', bounced });
  const row = (key: string, reason: string, date = '2026-12-01') => ({ key, reason, date, line: 2 });

  it('takes an address suppressed as bounced on the day of that run (in the workspace zone)', () => {
    // 23:30Z on 1 December is 2 December in Auckland: the suppression is dated as the send dated it.
    expect([...falseBounces([failure('a@example.org')], [row('a@example.org', 'bounced', '2026-12-02')], 'Pacific/Auckland').keys()]).toEqual([
      'a@example.org',
    ]);
    expect([...falseBounces([failure('a@example.org')], [row('a@example.org', 'bounced')], 'Europe/London').keys()]).toEqual(['a@example.org']);
  });

  it('leaves an address also unsubscribed, one suppressed another day, one never suppressed, and a failure not taken as a bounce', () => {
    const lifted = falseBounces(
      [failure('unsub@example.org'), failure('earlier@example.org'), failure('never@example.org'), failure('spam@example.org', false)],
      [
        row('unsub@example.org', 'bounced'),
        row('unsub@example.org', 'unsubscribed'),
        row('earlier@example.org', 'bounced', '2026-11-02'),
        row('spam@example.org', 'bounced'),
      ],
      'Europe/London',
    );
    expect([...lifted.keys()]).toEqual([]);
  });
});
