import { UNIT_MS, type RateLimit } from '../config/rate-limit.js';

/**
 * Sliding windows: at most `count` sends in any span of `unit`, counting sends
 * from earlier runs (read from the ledgers), so a second run in the same
 * minute or day cannot exceed the limit either.
 *
 * A send is allowed again the moment the oldest send in a full window leaves
 * it, so the allowance is used fully, plus a small margin that absorbs the
 * jitter between our clock and the moment the server counts the message.
 */
export class RateLimiter {
  private readonly windows: Array<{ limit: RateLimit; ms: number; margin: number; times: number[] }>;

  constructor(limits: readonly RateLimit[], history: readonly number[] = []) {
    const sorted = [...history].sort((a, b) => a - b);
    this.windows = limits.map((limit) => {
      const ms = UNIT_MS[limit.unit];
      return { limit, ms, margin: Math.min(1_000, Math.max(20, ms * 0.01)), times: sorted.slice(-limit.count) };
    });
  }

  /** Milliseconds to wait from `now` before the next send may start; 0 when it may start now. */
  delay(now: number): number {
    let wait = 0;
    for (const window of this.windows) {
      const { times, limit } = window;
      if (times.length < limit.count) continue;
      const oldest = times[times.length - limit.count]!;
      wait = Math.max(wait, oldest + window.ms + window.margin - now);
    }
    return Math.max(0, Math.ceil(wait));
  }

  /** The limit that makes `delay(now)` wait, for messages. */
  blockingLimit(now: number): RateLimit | undefined {
    let worst: { limit: RateLimit; wait: number } | undefined;
    for (const window of this.windows) {
      if (window.times.length < window.limit.count) continue;
      const wait = window.times[window.times.length - window.limit.count]! + window.ms + window.margin - now;
      if (wait > 0 && (!worst || wait > worst.wait)) worst = { limit: window.limit, wait };
    }
    return worst?.limit;
  }

  /** Counts a send that starts at `at`; returns a handle for `restamp`. */
  record(at: number): number {
    for (const window of this.windows) {
      window.times.push(at);
      // Only the newest `count` sends can ever decide a delay.
      if (window.times.length > window.limit.count * 2) window.times.splice(0, window.times.length - window.limit.count);
    }
    return at;
  }

  /**
   * Takes back a recorded send that never happened (a pipelined envelope lost
   * with its connection, or dropped when the run stopped): its slot is free
   * again. Only a send whose data never went out may be released.
   */
  release(recorded: number): void {
    for (const { times } of this.windows) {
      const i = times.lastIndexOf(recorded);
      if (i >= 0) times.splice(i, 1);
    }
  }

  /**
   * Moves a recorded send later, to when it really started (after its ledger
   * write): a later time only ever makes later sends wait longer, so the
   * windows hold by the server's clock too.
   */
  restamp(recorded: number, startedAt: number): void {
    if (startedAt <= recorded) return;
    for (const { times } of this.windows) {
      let i = times.lastIndexOf(recorded);
      if (i < 0) continue;
      times[i] = startedAt;
      while (i + 1 < times.length && times[i + 1]! < times[i]!) {
        [times[i], times[i + 1]] = [times[i + 1]!, times[i]!];
        i++;
      }
    }
  }
}
