import type { Recipient } from '../../src/delivery/delivery-plan.js';
import { RateLimiter } from '../../src/delivery/rate-limiter.js';
import { runSendEngine, type Clock, type SendEngineInput, type SendReport } from '../../src/delivery/send-engine.js';
import { virtualClock } from './virtual-clock.js';

/** Recipients named by letter, at `letter@example.org`. */
export function lettered(...names: string[]): Recipient[] {
  return names.map((name) => ({ key: `${name}@example.org`, email: `${name}@example.org`, lists: [], line: 2 }) as unknown as Recipient);
}

/** A clock that jumps instead of waiting (sleepers woken earliest target first), so no test depends on real time. */
export function fakeClock(): Clock {
  return virtualClock(1_000_000);
}

/** Runs the engine with a test's mailer and journal, one connection, no rate limit and a fake clock unless overridden. */
export function runEngine(input: Partial<SendEngineInput> & Pick<SendEngineInput, 'recipients' | 'mailer' | 'journal'>): Promise<SendReport> {
  return runSendEngine({
    build: (r) => ({ envelope: { from: 'snippet@example.org', to: r.email }, messageId: `id-${r.key}`, chunks: [Buffer.from('x')] }),
    limiter: new RateLimiter([]),
    connections: 1,
    retry: { attempts: 2, firstDelayMs: 10 },
    stopAfterFailures: 10,
    maxWaitMs: 60_000,
    clock: fakeClock(),
    ...input,
  });
}
