import { describe, expect, it } from 'vitest';
import { judge, type Verdict } from '../../src/delivery/judge.js';
import type { SendResult } from '../../src/delivery/send-result.js';

const RETRY = { attempts: 3, firstDelayMs: 100 };

const delivered: SendResult = { status: 'delivered', response: '250 ok' };
const refused: SendResult = { status: 'failed', reason: '550 5.1.1 no such user', noSuchUser: true };
const inDoubt: SendResult = { status: 'in-doubt', reason: 'connection lost after the message was sent' };
const busy: SendResult = { status: 'deferred', reason: '451 busy', connectionFailure: false };
const lost: SendResult = { status: 'deferred', reason: 'connection lost', connectionFailure: true };
const signIn: SendResult = { status: 'deferred', reason: 'sign-in failed', connectionFailure: true, fatal: 'check the password' };

const TABLE: Array<[string, SendResult, number, Verdict]> = [
  ['delivered, first try', delivered, 1, { settles: 'delivered', streak: 'reset', progress: true }],
  ['delivered, last try', delivered, 3, { settles: 'delivered', streak: 'reset', progress: true }],
  ['refused for good', refused, 1, { settles: 'failed', streak: 'reset', progress: true }],
  ['refused for good on a retry', refused, 2, { settles: 'failed', streak: 'reset', progress: true }],
  ['in doubt: never retried', inDoubt, 1, { settles: 'in-doubt', streak: 'extend', progress: true }],
  ['4xx, first try: again after the first delay', busy, 1, { settles: undefined, retryAfterMs: 100, streak: 'reset', progress: false }],
  ['4xx, second try: the delay doubled', busy, 2, { settles: undefined, retryAfterMs: 200, streak: 'reset', progress: false }],
  ['4xx, last try: left for the next run', busy, 3, { settles: 'deferred', streak: 'reset', progress: true }],
  ['4xx past the last try', busy, 4, { settles: 'deferred', streak: 'reset', progress: true }],
  ['connection lost, first try', lost, 1, { settles: undefined, retryAfterMs: 100, streak: 'extend', progress: false }],
  ['connection lost, last try', lost, 3, { settles: 'deferred', streak: 'extend', progress: true }],
  ['sign-in refused: the run stops', signIn, 1, { settles: 'deferred', streak: 'keep', fatal: 'check the password', progress: false }],
  ['sign-in refused on a retry: still no retry', signIn, 2, { settles: 'deferred', streak: 'keep', fatal: 'check the password', progress: false }],
];

describe('judge', () => {
  it.each(TABLE)('%s', (_name, result, tries, verdict) => {
    expect(judge(result, tries, RETRY)).toEqual(verdict);
  });

  it('gives up at once when the policy allows one try', () => {
    expect(judge(busy, 1, { attempts: 1, firstDelayMs: 100 })).toEqual({ settles: 'deferred', streak: 'reset', progress: true });
  });

  it('covers every status', () => {
    const statuses = new Set(TABLE.map(([, result]) => result.status));
    expect([...statuses].sort()).toEqual(['deferred', 'delivered', 'failed', 'in-doubt']);
  });
});
