import { systemClock, type Clock } from './send-engine.js';

/**
 * A clock that starts at `start` and then runs at the real pace: `send --due
 * --now …` pretends it is another time, while rate windows are still waited
 * for in real time. Ledgers and the rate history then carry the pretended
 * times, consistently, so a later run pretending a later time sees them.
 */
export function clockStartingAt(start: number, base: Clock = systemClock): Clock {
  const offset = start - base.now();
  return {
    now: () => base.now() + offset,
    sleep: (ms, signal) => base.sleep(ms, signal),
  };
}
