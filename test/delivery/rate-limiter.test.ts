import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/delivery/rate-limiter.js';

/** Admits sends greedily from t=0 for `count` sends, returning their start times. */
function schedule(limiter: RateLimiter, count: number): number[] {
  const starts: number[] = [];
  let now = 0;
  for (let i = 0; i < count && i < 10_000; i++) {
    now += limiter.delay(now);
    limiter.record(now);
    starts.push(now);
  }
  return starts;
}

describe('RateLimiter', () => {
  it('never lets more than the limit into any window', () => {
    const starts = schedule(new RateLimiter([{ count: 30, unit: 'minute' }]), 100);
    for (let i = 30; i < starts.length; i++) expect(starts[i]! - starts[i - 30]!).toBeGreaterThanOrEqual(60_000);
  });

  it('uses the allowance fully: a burst, then the next as soon as a slot frees', () => {
    const starts = schedule(new RateLimiter([{ count: 20, unit: 'second' }]), 60);
    expect(starts.slice(0, 20).every((t) => t === 0)).toBe(true);
    // The next burst starts one window (plus a small margin) later.
    expect(starts[20]).toBeGreaterThanOrEqual(1000);
    expect(starts[20]).toBeLessThanOrEqual(1020);
    expect(starts[59]! / 2000).toBeLessThan(1.05);
  });

  it('honours every limit at once', () => {
    const starts = schedule(new RateLimiter([{ count: 5, unit: 'second' }, { count: 12, unit: 'minute' }]), 30);
    for (let i = 5; i < starts.length; i++) expect(starts[i]! - starts[i - 5]!).toBeGreaterThanOrEqual(1000);
    for (let i = 12; i < starts.length; i++) expect(starts[i]! - starts[i - 12]!).toBeGreaterThanOrEqual(60_000);
  });

  it('counts earlier runs\' sends', () => {
    const now = 1_000_000;
    const history = Array.from({ length: 10 }, (_, i) => now - 30_000 + i);
    const limiter = new RateLimiter([{ count: 10, unit: 'minute' }], history);
    expect(limiter.delay(now)).toBeGreaterThanOrEqual(30_000);
    expect(limiter.blockingLimit(now)).toEqual({ count: 10, unit: 'minute' });
    expect(new RateLimiter([{ count: 11, unit: 'minute' }], history).delay(now)).toBe(0);
  });

  it('a day cap makes the wait as long as a day', () => {
    const limiter = new RateLimiter([{ count: 3, unit: 'day' }], [0, 1, 2]);
    expect(limiter.delay(10)).toBeGreaterThan(86_000_000);
  });

  it('restamping a send later delays the sends after it', () => {
    const limiter = new RateLimiter([{ count: 1, unit: 'second' }]);
    const slot = limiter.record(0);
    limiter.restamp(slot, 50);
    expect(limiter.delay(1000)).toBeGreaterThanOrEqual(50);
  });

  it('has no limits when none are configured', () => {
    const limiter = new RateLimiter([]);
    for (let i = 0; i < 100; i++) limiter.record(0);
    expect(limiter.delay(0)).toBe(0);
  });
});
