import { describe, expect, it } from 'vitest';
import { sendProgress } from '../../src/cli/send-progress.js';
import { parseRateLimit } from '../../src/config/rate-limit.js';
import type { EngineEvent } from '../../src/delivery/send-engine.js';
import { collectOutput } from '../support/collect-output.js';

const START = Date.parse('2026-11-30T10:00:00Z');
const limit = parseRateLimit('2/minute')!;
const waiting = (ms: number): EngineEvent => ({ type: 'waiting', ms, limit });
const delivered = (n: number): EngineEvent => ({
  type: 'outcome',
  recipient: { key: `m${n}@example.org`, email: `m${n}@example.org` },
  result: { status: 'delivered', response: '250 ok' },
  settled: n,
  total: 5,
});

/** The progress of a five-message send into a log, on a clock the test moves, and the waiting lines it logged. */
function logged() {
  const out = collectOutput();
  const clock = { now: START };
  const progress = sendProgress(out, 5, () => clock.now, 'Europe/London');
  return { progress, clock, waits: () => out.lines.filter((line) => line.startsWith('waiting')) };
}

describe('waiting for a sending limit, in a log (regression: "waiting until" once for each connection)', () => {
  it('is said once for a window, though messages sent before the wait come back during it', () => {
    const { progress, clock, waits } = logged();
    // Two messages are on the wire when the third connection finds the window full.
    progress.onEvent(waiting(60_600));
    clock.now += 40;
    progress.onEvent(delivered(1));
    // The first connection is free again, and waits for the same window.
    progress.onEvent(waiting(60_560));
    clock.now += 15;
    progress.onEvent(delivered(2));
    progress.onEvent(waiting(60_545));
    expect(waits()).toEqual(['waiting until 2026-11-30 10:01:00 Europe/London for the sending limit (2/minute)']);
  });

  it('is said again for the next window, once messages went out in this one', () => {
    const { progress, clock, waits } = logged();
    progress.onEvent(waiting(60_600));
    clock.now += 60_600;
    progress.onEvent(delivered(3));
    progress.onEvent(delivered(4));
    progress.onEvent(waiting(60_600));
    expect(waits()).toEqual([
      'waiting until 2026-11-30 10:01:00 Europe/London for the sending limit (2/minute)',
      'waiting until 2026-11-30 10:02:01 Europe/London for the sending limit (2/minute)',
    ]);
  });
});
