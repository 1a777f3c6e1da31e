import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/delivery/ledger-event.js';
import { RateLimiter } from '../../src/delivery/rate-limiter.js';
import type { SendEngineInput } from '../../src/delivery/send-engine.js';
import { lettered, runEngine } from '../support/engine-run.js';
import { virtualClock } from '../support/virtual-clock.js';
import type { Channel, Envelope, Mailer } from '../../src/delivery/send-result.js';

const recipients = lettered('a', 'b', 'c', 'd');

/**
 * A channel that pipelines as the SMTP one does: it asks for the next
 * envelope once the attempt is durable, keeps it ahead unless `lose` says the
 * connection dropped it, and logs what went out in each write. With
 * `answerAfterATurn` the server's reply comes a turn of the event loop after
 * the data, as a real one's does, and is logged too.
 */
function pipeliningMailer(
  options: { lose?: (to: string) => boolean; onData?: (to: string) => void; answerAfterATurn?: boolean } = {},
): Mailer & { log: string[] } {
  const log: string[] = [];
  let ahead: Envelope | undefined;
  const channel: Channel = {
    send: async (envelope, _message, durable, next) => {
      if (ahead !== undefined && ahead !== envelope) throw new Error(`${envelope.to} sent while ${ahead.to} was ahead`);
      ahead = undefined;
      await durable;
      const following = next?.();
      log.push(`data ${envelope.to}${following ? ` + envelope ${following.to}` : ''}`);
      options.onData?.(envelope.to);
      if (options.answerAfterATurn) {
        await new Promise((resolve) => setImmediate(resolve));
        log.push(`reply ${envelope.to}`);
      }
      if (following && !options.lose?.(envelope.to)) ahead = following;
      return { status: 'delivered', response: '250 ok' };
    },
    ahead: () => ahead,
    release: () => {
      if (ahead) log.push(`dropped with ${ahead.to} ahead`);
      ahead = undefined;
    },
  };
  return { log, open: async () => channel, close: async () => undefined };
}

function journal(): { events: LedgerEvent[]; append(event: LedgerEvent): Promise<void> } {
  const events: LedgerEvent[] = [];
  return { events, append: async (event) => void events.push(event) };
}

const lines = (events: readonly LedgerEvent[]): string[] => events.map((e) => `${e.type} ${(e as { to: string }).to}`);

function run(overrides: Partial<SendEngineInput>) {
  return runEngine({ recipients, mailer: pipeliningMailer(), journal: journal(), ...overrides });
}

describe('the engine carries the next recipient along a connection (pipelining)', () => {
  it("sends each message's data with the next envelope, and records each attempt after the previous outcome", async () => {
    const mailer = pipeliningMailer();
    const ledger = journal();
    const report = await run({ mailer, journal: ledger });
    expect(report.delivered).toHaveLength(4);
    expect(mailer.log).toEqual([
      'data a@example.org + envelope b@example.org',
      'data b@example.org + envelope c@example.org',
      'data c@example.org + envelope d@example.org',
      'data d@example.org',
    ]);
    expect(lines(ledger.events)).toEqual(recipients.flatMap((r) => [`attempt ${r.key}`, `delivered ${r.key}`]));
  });

  it('puts a recipient whose envelope was lost with the connection back untried, and sends it once', async () => {
    const mailer = pipeliningMailer({ lose: (to) => to === 'a@example.org' });
    const ledger = journal();
    const report = await run({ mailer, journal: ledger, retry: { attempts: 1, firstDelayMs: 10 } });
    expect(report.delivered.map((r) => r.key)).toEqual(recipients.map((r) => r.key));
    expect(lines(ledger.events)).toEqual(recipients.flatMap((r) => [`attempt ${r.key}`, `delivered ${r.key}`]));
    expect(mailer.log[1]).toBe('data b@example.org + envelope c@example.org');
  });

  it('a run stopped with an envelope ahead drops the connection and leaves that recipient untried, with nothing recorded', async () => {
    const stop = new AbortController();
    const mailer = pipeliningMailer({ onData: (to) => to === 'b@example.org' && stop.abort() });
    const ledger = journal();
    const report = await run({ mailer, journal: ledger, signal: stop.signal });
    expect(report.stop).toEqual({ kind: 'interrupted' });
    expect(report.delivered.map((r) => r.key)).toEqual(['a@example.org', 'b@example.org']);
    expect(report.notAttempted.map((r) => r.key)).toEqual(['c@example.org', 'd@example.org']);
    expect(mailer.log.at(-1)).toBe('dropped with c@example.org ahead');
    expect(lines(ledger.events)).not.toContain('attempt c@example.org');
  });

  it('takes no next recipient while the rate limit has no slot free: its envelope waits for its own turn', async () => {
    const mailer = pipeliningMailer();
    const report = await run({ mailer, limiter: new RateLimiter([{ count: 1, unit: 'second' }]), recipients: recipients.slice(0, 2) });
    expect(report.delivered).toHaveLength(2);
    expect(mailer.log).toEqual(['data a@example.org', 'data b@example.org']);
  });

  it('gives back the rate slot of an envelope lost with its connection: that recipient goes at once, not after a window (regression: the lost envelope kept its slot)', async () => {
    const mailer = pipeliningMailer({ lose: (to) => to === 'a@example.org' });
    const ledger = journal();
    const report = await run({ mailer, journal: ledger, limiter: new RateLimiter([{ count: 2, unit: 'second' }]), recipients: recipients.slice(0, 3) });
    expect(report.delivered).toHaveLength(3);
    const attempts = ledger.events.filter((e) => e.type === 'attempt').map((e) => `${e.to} ${e.at}`);
    // a and b in the first second (b's lost envelope took no slot of its own), c once a's slot is free.
    expect(attempts).toEqual(['a@example.org 1970-01-01T00:16:40.000Z', 'b@example.org 1970-01-01T00:16:40.000Z', 'c@example.org 1970-01-01T00:16:41.020Z']);
  });

  it('gives back the rate slot of an envelope dropped when the run stops: the limiter counts only what went out', async () => {
    const stop = new AbortController();
    const limiter = new RateLimiter([{ count: 3, unit: 'minute' }]);
    const mailer = pipeliningMailer({ onData: (to) => to === 'a@example.org' && stop.abort() });
    const report = await run({ mailer, journal: journal(), signal: stop.signal, limiter });
    expect(report.delivered.map((r) => r.key)).toEqual(['a@example.org']);
    expect(mailer.log.at(-1)).toBe('dropped with b@example.org ahead');
    // a alone is counted: two more may go in this minute.
    limiter.record(1_000_000);
    expect(limiter.delay(1_000_000)).toBe(0);
    limiter.record(1_000_000);
    expect(limiter.delay(1_000_000)).toBeGreaterThan(0);
  });

  it("builds each recipient's message once, though the next one is built while the attempt before it syncs", async () => {
    const built: string[] = [];
    const report = await run({
      build: (r) => {
        built.push(r.key);
        return { envelope: { from: 'snippet@example.org', to: r.email }, messageId: `id-${r.key}`, chunks: [Buffer.from('x')] };
      },
    });
    expect(report.delivered).toHaveLength(4);
    expect(built).toEqual(recipients.map((r) => r.key));
  });

  it("builds the message after the next while the server reads a message's data, not while the next attempt syncs", async () => {
    const mailer = pipeliningMailer({ answerAfterATurn: true });
    const { log } = mailer;
    // A sync that takes longer than a turn, as a disk's does.
    const syncing = {
      append: async (event: LedgerEvent) => {
        if (event.type === 'attempt') log.push(`sync ${event.to}`);
        for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
        if (event.type === 'attempt') log.push(`synced ${event.to}`);
      },
    };
    const report = await run({
      mailer,
      journal: syncing,
      recipients: recipients.slice(0, 3),
      build: (r) => {
        log.push(`build ${r.key}`);
        return { envelope: { from: 'snippet@example.org', to: r.email }, messageId: `id-${r.key}`, chunks: [Buffer.from('x')] };
      },
    });
    expect(report.delivered).toHaveLength(3);
    // c, the message after b, is built while a's data is with the server; b's sync is then the disk's alone.
    const aWent = log.indexOf('data a@example.org + envelope b@example.org');
    expect(log.slice(aWent, log.indexOf('synced b@example.org') + 1)).toEqual([
      'data a@example.org + envelope b@example.org',
      'build c@example.org',
      'reply a@example.org',
      'sync b@example.org',
      'synced b@example.org',
    ]);
  });

  it('builds a message again when it waited for a rate window after it was built ahead, so its Date header is when it goes', async () => {
    const built: string[] = [];
    // A sync that takes a turn of the event loop, as a disk's does: the next message is built ahead meanwhile.
    const events: LedgerEvent[] = [];
    const syncing = { append: (event: LedgerEvent) => new Promise<void>((resolve) => setImmediate(() => resolve(void events.push(event)))) };
    // A wait that takes a turn too, as a timer's does.
    const clock = virtualClock(1_000_000);
    const report = await run({
      journal: syncing,
      clock,
      limiter: new RateLimiter([{ count: 1, unit: 'minute' }]),
      maxWaitMs: 120_000,
      recipients: recipients.slice(0, 2),
      build: (r) => {
        built.push(r.key);
        return { envelope: { from: 'snippet@example.org', to: r.email }, messageId: `id-${r.key}`, chunks: [Buffer.from('x')] };
      },
    });
    expect(report.delivered).toHaveLength(2);
    // b was built ahead while a's attempt synced, then waited a minute: built again before it went.
    expect(built).toEqual(['a@example.org', 'b@example.org', 'b@example.org']);
  });

  it('a bug building the next message leaves it untried, lets the current one finish, and stops the run with the bug', async () => {
    const bug = new TypeError('cannot build');
    const ledger = journal();
    const mailer = pipeliningMailer();
    const sending = run({
      mailer,
      journal: ledger,
      build: (r) => {
        if (r.key === 'b@example.org') throw bug;
        return { envelope: { from: 'snippet@example.org', to: r.email }, messageId: `id-${r.key}`, chunks: [Buffer.from('x')] };
      },
    });
    await expect(sending).rejects.toBe(bug);
    expect(lines(ledger.events)).toEqual(['attempt a@example.org', 'delivered a@example.org']);
    expect(mailer.log).toEqual(['data a@example.org']);
  });

  it("holds the ledger's next sync from when a message's data goes out until its outcome and the next attempt are appended", async () => {
    const mailer = pipeliningMailer({ answerAfterATurn: true });
    const { log } = mailer;
    const holding = {
      append: async (event: LedgerEvent) => void log.push(`${event.type} ${(event as { to: string }).to}`),
      hold: () => {
        log.push('hold');
        return () => log.push('let go');
      },
    };
    const report = await run({ mailer, journal: holding, recipients: recipients.slice(0, 3) });
    expect(report.delivered).toHaveLength(3);
    expect(log).toEqual([
      'attempt a@example.org',
      'hold',
      'data a@example.org + envelope b@example.org',
      'reply a@example.org',
      'delivered a@example.org',
      'attempt b@example.org',
      'let go',
      'hold',
      'data b@example.org + envelope c@example.org',
      'reply b@example.org',
      'delivered b@example.org',
      'attempt c@example.org',
      'let go',
      'hold',
      'data c@example.org',
      'reply c@example.org',
      'delivered c@example.org',
      'let go',
    ]);
  });

  it('lets go of every hold on the sync when a bug in the transport stops the run', async () => {
    const bug = new TypeError('the transport broke');
    let held = 0;
    const holding = {
      append: async () => undefined,
      hold: () => {
        held++;
        let once = true;
        return () => {
          if (once) held--;
          once = false;
        };
      },
    };
    // Each connection sends its data once the attempt is durable; b's breaks the transport after it went out.
    const channel: Channel = {
      send: async (envelope, _message, durable) => {
        await durable;
        await new Promise((resolve) => setImmediate(resolve));
        if (envelope.to === 'b@example.org') throw bug;
        return { status: 'delivered', response: '250 ok' };
      },
      ahead: () => undefined,
      release: () => undefined,
    };
    const mailer: Mailer = { open: async () => channel, close: async () => undefined };
    await expect(run({ mailer, journal: holding, connections: 2 })).rejects.toBe(bug);
    expect(held).toBe(0);
  });
});
