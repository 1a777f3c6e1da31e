import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/delivery/ledger-event.js';
import { readLedger } from '../../src/delivery/ledger-file.js';
import type { SendEngineInput } from '../../src/delivery/send-engine.js';
import { TransportBug, type Channel, type Mailer, type SendResult } from '../../src/delivery/send-result.js';
import { runSendSession } from '../../src/delivery/send-session.js';
import { ledgerPath, lockPath } from '../../src/delivery/state-paths.js';
import { fakeClock, lettered, runEngine } from '../support/engine-run.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const recipients = lettered('a', 'b', 'c', 'd', 'e', 'f');

/** A mailer whose channel throws `bug(to)` when it returns something, else delivers; it records what it was asked to send. */
function buggyMailer(bug: (to: string) => unknown): Mailer & { sent: string[] } {
  const sent: string[] = [];
  const channel: Channel = {
    send: async (envelope, _message, durable): Promise<SendResult> => {
      await durable;
      sent.push(envelope.to);
      const error = bug(envelope.to);
      // The point: a channel that throws something that is not an Error (null, a string, a plain object).
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (error !== undefined) throw error;
      return { status: 'delivered', response: '250 ok' };
    },
    ahead: () => undefined,
    release: () => undefined,
  };
  return { sent, open: async () => channel, close: async () => undefined };
}

function journal(): { events: LedgerEvent[]; append(event: LedgerEvent): Promise<void> } {
  const events: LedgerEvent[] = [];
  return { events, append: async (event) => void events.push(event) };
}

function run(overrides: Partial<SendEngineInput>) {
  return runEngine({
    recipients,
    mailer: buggyMailer(() => undefined),
    journal: journal(),
    retry: { attempts: 3, firstDelayMs: 10 },
    stopAfterFailures: 5,
    ...overrides,
  });
}

const lines = (events: readonly LedgerEvent[]): string[] => events.map((e) => `${e.type} ${'to' in e ? e.to.split('@')[0] : ''}`);

describe('a bug under the engine ends the run with it, never as a lost connection', () => {
  it('records the message in flight as deferred when the transport says no data went out', async () => {
    const ledger = journal();
    const bug = new TypeError("Cannot read properties of undefined (reading 'length')");
    const mailer = buggyMailer((to) => (to === 'b@example.org' ? new TransportBug(bug, false) : undefined));
    await expect(run({ mailer, journal: ledger })).rejects.toBe(bug);
    expect(mailer.sent).toEqual(['a@example.org', 'b@example.org']);
    expect(lines(ledger.events)).toEqual(['attempt a', 'delivered a', 'attempt b', 'deferred b']);
    expect(ledger.events[3]).toMatchObject({ reason: "not sent: internal error (Cannot read properties of undefined (reading 'length'))" });
  });

  it('records it as in doubt when some of its data may have gone', async () => {
    const ledger = journal();
    const bug = new RangeError('offset out of range');
    const mailer = buggyMailer((to) => (to === 'a@example.org' ? new TransportBug(bug, true) : undefined));
    await expect(run({ mailer, journal: ledger })).rejects.toBe(bug);
    expect(lines(ledger.events)).toEqual(['attempt a', 'in-doubt a']);
    expect(ledger.events[1]).toMatchObject({ reason: 'internal error (offset out of range) once the message may have been sent' });
  });

  it('takes anything else a channel throws as having maybe sent the data', async () => {
    const ledger = journal();
    const bug = new Error('something unforeseen');
    await expect(run({ mailer: buggyMailer(() => bug), journal: ledger })).rejects.toBe(bug);
    expect(lines(ledger.events)).toEqual(['attempt a', 'in-doubt a']);
  });

  it('stops every connection: the messages in flight are recorded, and no new one is started', async () => {
    const ledger = journal();
    const bug = new TypeError('boom');
    const mailer = buggyMailer((to) => (to === 'c@example.org' ? new TransportBug(bug, false) : undefined));
    await expect(run({ mailer, journal: ledger, connections: 3 })).rejects.toBe(bug);
    const attempted = ledger.events.filter((e) => e.type === 'attempt').map((e) => e.to);
    const settled = ledger.events.filter((e) => e.type !== 'attempt').map((e) => ('to' in e ? e.to : ''));
    expect(new Set(settled)).toEqual(new Set(attempted));
    expect(attempted).toContain('c@example.org');
    expect(attempted.length).toBeLessThan(recipients.length);
  });

  it('throws a bug in building a message before anything of it is recorded', async () => {
    const ledger = journal();
    const bug = new TypeError('no template');
    const build: SendEngineInput['build'] = (r) => {
      if (r.key === 'b@example.org') throw bug;
      return { envelope: { from: 'snippet@example.org', to: r.email }, messageId: `<${r.key}>`, chunks: [Buffer.from('x')] };
    };
    await expect(run({ build, journal: ledger })).rejects.toBe(bug);
    expect(lines(ledger.events)).toEqual(['attempt a', 'delivered a']);
  });

  it('throws a bug in opening a connection at once, without retrying it as a failed connection', async () => {
    const bug = new TypeError('bad options');
    let opened = 0;
    const mailer: Mailer = { open: () => (opened++, Promise.reject(bug)), close: async () => undefined };
    const ledger = journal();
    await expect(run({ mailer, journal: ledger })).rejects.toBe(bug);
    expect(opened).toBe(1);
    expect(ledger.events).toEqual([]);
  });

  it('adds nothing when the attempt itself was not recorded', async () => {
    const bug = new TypeError('boom');
    const events: LedgerEvent[] = [];
    const failing = { append: async (event: LedgerEvent) => (event.type === 'attempt' ? Promise.reject(new Error('disk full')) : void events.push(event)) };
    // As the contract says, a channel sends no data when the attempt is not durable; this one has a bug all the same.
    const channel: Channel = {
      send: (_envelope, _message, durable) =>
        durable!.then(
          () => ({ status: 'delivered', response: '250 ok' }),
          () => Promise.reject(new TransportBug(bug, false)),
        ),
      ahead: () => undefined,
      release: () => undefined,
    };
    const throwing: Mailer = { open: async () => channel, close: async () => undefined };
    await expect(run({ mailer: throwing, journal: failing })).rejects.toBe(bug);
    expect(events).toEqual([]);
  });
});

describe('a bug under a send session', () => {
  it('ends the session with it, the lock released and the ledger saying what became of the message in flight', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snippet-session-bug-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const bug = new TypeError('boom');
    const session = runSendSession({
      dir,
      command: 'send 2026-12',
      dryRun: false,
      issues: [
        {
          id: '2026-12',
          mode: 'test',
          testTo: ['a@example.org', 'b@example.org'],
          lists: undefined,
          prepare: async () => (r) => ({ envelope: { from: 'snippet@example.org', to: r.email }, messageId: `<${r.key}>`, chunks: [Buffer.from('x')] }),
        },
      ],
      members: [],
      suppressions: [],
      resendInDoubt: false,
      mailer: async () => buggyMailer((to) => (to === 'b@example.org' ? new TransportBug(bug, false) : undefined)),
      transport: 'smtp',
      rates: [],
      connections: 1,
      retry: { attempts: 2, firstDelayMs: 10 },
      stopAfterFailures: 5,
      maxWaitMs: 60_000,
      timeZone: 'Europe/London',
      clock: fakeClock(),
      choose: async () => ['2026-12'],
    });
    await expect(session).rejects.toBe(bug);
    expect(existsSync(lockPath(dir))).toBe(false);
    const events = await readLedger(ledgerPath(dir, '2026-12', 'test'), 'ledger');
    expect(lines(events)).toEqual(['run ', 'attempt a', 'delivered a', 'attempt b', 'deferred b']);
  });
});
