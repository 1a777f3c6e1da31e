import { describe, expect, it } from 'vitest';
import { virtualClock } from './virtual-clock.js';

const START = Date.parse('2026-11-30T10:00:00Z');

describe('the virtual clock of the send tests (regression: each sleeper moved time forward, and they woke in the order they slept)', () => {
  it('wakes sleepers in the order of their targets, each at its own target, whatever the order they slept in', async () => {
    const clock = virtualClock(START);
    const woke: Array<[string, number]> = [];
    const long = clock.sleep(60_000).then(() => woke.push(['long', clock.now() - START]));
    const short = clock.sleep(1_000).then(() => woke.push(['short', clock.now() - START]));
    await Promise.all([long, short]);
    expect(woke).toEqual([
      ['short', 1_000],
      ['long', 60_000],
    ]);
  });

  it('moves time to one target at a time: a sleeper woken first acts before time moves on', async () => {
    const clock = virtualClock(START);
    const seen: number[] = [];
    const first = clock.sleep(1_000).then(async () => {
      seen.push(clock.now() - START);
      // Asleep again from its own time, 61 s after the start: after the other sleeper's 60 s.
      await clock.sleep(60_000);
      seen.push(clock.now() - START);
    });
    const second = clock.sleep(60_000).then(() => seen.push(clock.now() - START));
    await Promise.all([first, second]);
    expect(seen).toEqual([1_000, 60_000, 61_000]);
  });

  it('wakes a sleeper at once, and leaves the time, when the run stops', async () => {
    const clock = virtualClock(START);
    const stop = new AbortController();
    const asleep = clock.sleep(60_000, stop.signal);
    stop.abort();
    await asleep;
    expect(clock.now()).toBe(START);
    await clock.sleep(5_000, stop.signal);
    expect(clock.now()).toBe(START);
  });
});
