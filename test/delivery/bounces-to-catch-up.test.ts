import { describe, expect, it } from 'vitest';
import { parseResubscriptions } from '../../src/contacts/read-resubscriptions.js';
import { bouncesToCatchUp } from '../../src/delivery/bounces-to-catch-up.js';
import type { LedgerEvent } from '../../src/delivery/ledger-event.js';

const bounce = (to: string, at: string): LedgerEvent => ({ type: 'failed', at, to, reason: '550 5.1.1 No such user', bounced: true });

describe('bouncesToCatchUp', () => {
  it('keys a punycode-form bounce as its suppression is, once (regression: raw address never matched the key)', () => {
    expect(
      bouncesToCatchUp(
        [bounce('ana@xn--bcher-kva.example', '2026-12-01T09:00:00Z'), bounce('ANA@xn--bcher-kva.example', '2026-12-01T09:01:00Z')],
        new Map(),
        'Europe/London',
      ),
    ).toEqual([{ key: 'ana@bücher.example', email: 'ANA@xn--bcher-kva.example' }]);
  });

  it('leaves out a bounce on or before the day its address was resubscribed, and keeps a later one', () => {
    const resubscribed = parseResubscriptions(
      'email,suppressed_on,suppression_reason,resubscribed_on,by,reason\naileen@example.org,2026-12-01,bounced,2026-12-03,morag,mailbox fixed\n',
      'contacts/resubscriptions.csv',
    );
    expect(bouncesToCatchUp([bounce('aileen@example.org', '2026-12-01T09:00:00Z')], resubscribed, 'Europe/London')).toEqual([]);
    expect(bouncesToCatchUp([bounce('Aileen@Example.org', '2026-12-04T09:00:00Z')], resubscribed, 'Europe/London')).toEqual([
      { key: 'aileen@example.org', email: 'Aileen@Example.org' },
    ]);
  });

  it('ignores deliveries and failures that were not bounces', () => {
    expect(
      bouncesToCatchUp(
        [{ type: 'failed', at: '2026-12-01T09:00:00Z', to: 'a@example.org', reason: '552 too big', bounced: false }],
        new Map(),
        'Europe/London',
      ),
    ).toEqual([]);
  });
});
