import type { Clock } from '../../src/delivery/send-engine.js';

interface Sleeper {
  at: number;
  wake: () => void;
}

/**
 * A clock whose time moves only when slept on. Each sleeper wakes at its own
 * target, earliest target first (in the order they slept, for equal targets),
 * one at a time: time moves to the earliest target, that sleeper is woken,
 * and the next move waits for a turn of the event loop, so what the woken
 * sleeper does at that time comes before time moves again. Which connection
 * asked to sleep first never decides the time another one wakes at.
 */
export function virtualClock(start: number): Clock {
  let now = start;
  const sleepers: Sleeper[] = [];
  let moving = false;

  const moveOn = (): void => {
    moving = false;
    const first = sleepers.shift();
    if (!first) return;
    now = Math.max(now, first.at);
    first.wake();
    if (sleepers.length > 0) schedule();
  };
  const schedule = (): void => {
    if (moving) return;
    moving = true;
    setImmediate(moveOn);
  };

  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        // Aborted: the run is stopping; it wakes without moving time.
        if (signal?.aborted) return void setImmediate(resolve);
        const sleeper: Sleeper = {
          at: now + Math.max(0, ms),
          wake: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          const i = sleepers.indexOf(sleeper);
          if (i >= 0) sleepers.splice(i, 1);
          resolve();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        // After every sleeper with the same or an earlier target.
        const i = sleepers.findIndex((other) => other.at > sleeper.at);
        sleepers.splice(i < 0 ? sleepers.length : i, 0, sleeper);
        schedule();
      }),
  };
}
