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
    const starts = schedule(
      new RateLimiter([
        { count: 5, unit: 'second' },
        { count: 12, unit: 'minute' },
      ]),
      30,
    );
    for (let i = 5; i < starts.length; i++) expect(starts[i]! - starts[i - 5]!).toBeGreaterThanOrEqual(1000);
    for (let i = 12; i < starts.length; i++) expect(starts[i]! - starts[i - 12]!).toBeGreaterThanOrEqual(60_000);
  });

  it("counts earlier runs' sends", () => {
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

describe('RateLimiter: the rate as the server sees it', () => {
  it('re-sorts a send that is re-stamped past a later one (restamp of an early send is not lost)', () => {
    // One a second: a send at 0 re-stamped to 2000 (it waited on the ledger)
    // is now the newest, so the next may start one window after 2000, not after 1020.
    const limiter = new RateLimiter([{ count: 1, unit: 'second' }]);
    limiter.record(0);
    limiter.record(1020);
    limiter.restamp(0, 2000);
    expect(limiter.delay(2040)).toBe(980);
  });

  it('never moves a send earlier', () => {
    const limiter = new RateLimiter([{ count: 1, unit: 'second' }]);
    limiter.record(500);
    limiter.restamp(500, 100);
    expect(limiter.delay(500)).toBe(1020);
  });

  it('the longer wait wins when two windows block, whichever is listed first', () => {
    for (const limits of [
      [
        { count: 2, unit: 'second' as const },
        { count: 3, unit: 'minute' as const },
      ],
      [
        { count: 3, unit: 'minute' as const },
        { count: 2, unit: 'second' as const },
      ],
    ]) {
      const limiter = new RateLimiter(limits);
      limiter.record(0);
      limiter.record(0);
      // Only the second's window is full.
      expect(limiter.delay(0)).toBe(1020);
      expect(limiter.blockingLimit(0)).toEqual({ count: 2, unit: 'second' });
      limiter.record(500);
      // Both full: the second's frees at 1020, the minute's at 60,600.
      expect(limiter.delay(500)).toBe(60_600 - 500);
      expect(limiter.blockingLimit(500)).toEqual({ count: 3, unit: 'minute' });
    }
  });

  it('names no limit and waits not at all when no window blocks', () => {
    const limiter = new RateLimiter([
      { count: 2, unit: 'second' },
      { count: 3, unit: 'minute' },
    ]);
    expect(limiter.blockingLimit(0)).toBeUndefined();
    limiter.record(0);
    limiter.record(0);
    // Full, but its oldest send has left the window (margin included).
    expect(limiter.delay(1020)).toBe(0);
    expect(limiter.blockingLimit(1020)).toBeUndefined();
    expect(limiter.blockingLimit(1019)).toEqual({ count: 2, unit: 'second' });
    expect(limiter.delay(1019)).toBe(1);
  });

  it.each([
    ['second', 1_000 + 20],
    ['minute', 60_000 + 600],
    ['hour', 3_600_000 + 1_000],
    ['day', 86_400_000 + 1_000],
  ] as const)('a full %s window frees after the window plus its safety margin (%i ms)', (unit, ms) => {
    const limiter = new RateLimiter([{ count: 1, unit }]);
    limiter.record(0);
    expect(limiter.delay(0)).toBe(ms);
    expect(limiter.delay(ms)).toBe(0);
    // Rounded up: a wait cut short by a fraction would start the send inside the window.
    expect(limiter.delay(0.5)).toBe(ms);
  });

  it('keeps only the newest sends of the history, and still counts them all', () => {
    const limiter = new RateLimiter([{ count: 3, unit: 'minute' }], [40_000, 10_000, 30_000, 20_000]);
    // The three newest are 20,000, 30,000 and 40,000: the oldest of them frees at 80,600.
    expect(limiter.delay(50_000)).toBe(30_600);
  });

  it('frees the slot of a send taken back (an envelope that went ahead but whose data never followed), and only that one', () => {
    const limiter = new RateLimiter([{ count: 2, unit: 'second' }]);
    limiter.record(1_000);
    const ahead = limiter.record(1_000);
    expect(limiter.delay(1_500)).toBe(520);
    limiter.release(ahead);
    expect(limiter.delay(1_500)).toBe(0);
    // The send that did go out still counts.
    limiter.record(1_500);
    expect(limiter.delay(1_600)).toBe(420);
  });

  it('takes back a restamped send by its new time, leaving the one recorded at its old time', () => {
    const limiter = new RateLimiter([{ count: 2, unit: 'second' }]);
    const first = limiter.record(1_000);
    const second = limiter.record(1_000);
    limiter.restamp(first, 1_200);
    limiter.release(second);
    // One send is left, at 1,200: one more fits before it leaves the window.
    expect(limiter.delay(1_300)).toBe(0);
    limiter.record(1_300);
    expect(limiter.delay(1_300)).toBe(1_200 + 1_000 + 20 - 1_300);
  });
});
