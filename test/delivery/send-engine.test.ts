import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Recipient } from '../../src/delivery/delivery-plan.js';
import type { LedgerEvent } from '../../src/delivery/ledger-event.js';
import { journalOf, LedgerFile, readLedger, type JournalFile } from '../../src/delivery/ledger-file.js';
import { systemClock, type SendEngineInput } from '../../src/delivery/send-engine.js';
import { lettered, runEngine } from '../support/engine-run.js';
import type { Channel, Mailer, SendResult } from '../../src/delivery/send-result.js';

const recipients = lettered('a', 'b', 'c', 'd');

/** A mailer that records what it was asked to send and answers with `reply`. */
function fakeMailer(reply: (to: string) => SendResult = () => ({ status: 'delivered', response: '250 ok' })): Mailer & { sent: string[] } {
  const sent: string[] = [];
  const channel: Channel = {
    send: async (envelope, _message, durable) => {
      // As the contract says: the data waits for the attempt to be durable, and is not sent without it.
      if (
        await durable?.then(
          () => false,
          () => true,
        )
      )
        return { status: 'deferred', reason: 'not sent', connectionFailure: false };
      sent.push(envelope.to);
      return reply(envelope.to);
    },
    ahead: () => undefined,
    release: () => undefined,
  };
  return { sent, open: async () => channel, close: async () => undefined };
}

/** A journal that keeps events and fails (as a full disk would) from the `failAt`-th append on. */
function fakeJournal(failAt = Infinity): { events: LedgerEvent[]; append(event: LedgerEvent): Promise<void> } {
  const events: LedgerEvent[] = [];
  return {
    events,
    append: async (event) => {
      if (events.length + 1 >= failAt) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      events.push(event);
    },
  };
}

function run(overrides: Partial<SendEngineInput>) {
  return runEngine({ recipients, mailer: fakeMailer(), journal: fakeJournal(), ...overrides });
}

describe('runSendEngine', () => {
  it('journals each attempt before its send and the outcome after', async () => {
    const journal = fakeJournal();
    const mailer = fakeMailer();
    const report = await run({ journal, mailer });
    expect(report.delivered).toHaveLength(4);
    expect(journal.events.map((e) => `${e.type}:${(e as { to: string }).to}`)).toEqual(recipients.flatMap((r) => [`attempt:${r.key}`, `delivered:${r.key}`]));
  });

  it('sends nothing it could not journal first, and stops (a full disk)', async () => {
    // Appends: attempt a (1), delivered a (2), attempt b (3) fails.
    const mailer = fakeMailer();
    const report = await run({ journal: fakeJournal(3), mailer });
    expect(mailer.sent).toEqual(['a@example.org']);
    expect(report.stop).toEqual({ kind: 'ledger', reason: 'the disk is full' });
    expect(report.delivered.map((r) => r.key)).toEqual(['a@example.org']);
    expect(report.notAttempted.map((r) => r.key)).toEqual(['b@example.org', 'c@example.org', 'd@example.org']);
    expect(report.inDoubt).toEqual([]);
  });

  it('reports a sent message whose outcome could not be journalled as in doubt, once', async () => {
    // Appends: attempt a (1), delivered a (2) fails: a was sent, but the ledger cannot say so.
    const mailer = fakeMailer();
    const report = await run({ journal: fakeJournal(2), mailer });
    expect(mailer.sent).toEqual(['a@example.org']);
    expect(report.stop?.kind).toBe('ledger');
    expect(report.delivered).toEqual([]);
    expect(report.inDoubt).toEqual([{ recipient: recipients[0], reason: 'the outcome could not be recorded (the disk is full)' }]);
  });

  it('does not retry a deferred recipient whose outcome could not be journalled', async () => {
    const mailer = fakeMailer(() => ({ status: 'deferred', reason: '451 later', connectionFailure: false }));
    const report = await run({ journal: fakeJournal(2), mailer, recipients: recipients.slice(0, 1) });
    expect(mailer.sent).toEqual(['a@example.org']);
    expect(report.inDoubt.map((d) => d.recipient.key)).toEqual(['a@example.org']);
    expect(report.deferred).toEqual([]);
  });

  it('retries a deferred recipient after its backoff, up to the bound', async () => {
    const mailer = fakeMailer(() => ({ status: 'deferred', reason: '451 later', connectionFailure: false }));
    const report = await run({ mailer, recipients: recipients.slice(0, 1), retry: { attempts: 3, firstDelayMs: 10 } });
    expect(mailer.sent).toEqual(['a@example.org', 'a@example.org', 'a@example.org']);
    expect(report.deferred).toEqual([{ recipient: recipients[0], reason: '451 later' }]);
  });
});

describe('systemClock.sleep', () => {
  it('wakes after at most the longest timer Node keeps, never at once, for a very long wait', async () => {
    vi.useFakeTimers();
    try {
      let woke = false;
      void systemClock.sleep(40 * 86_400_000).then(() => (woke = true));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(woke).toBe(false);
      await vi.advanceTimersByTimeAsync(2 ** 31);
      expect(woke).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the attempt sync overlaps the envelope (group commit)', () => {
  it('starts the transaction while the attempt syncs, but sends no data before it is durable', async () => {
    const order: string[] = [];
    let durableNow: () => void = () => undefined;
    const journal = {
      append: (event: LedgerEvent): Promise<void> => {
        if (event.type !== 'attempt') return Promise.resolve();
        order.push('attempt queued');
        return new Promise<void>((resolve) => {
          durableNow = () => {
            order.push('attempt durable');
            resolve();
          };
        });
      },
    };
    const channel: Channel = {
      send: async (_envelope, _message, durable) => {
        order.push('envelope');
        setImmediate(() => durableNow());
        await durable;
        order.push('data');
        return { status: 'delivered', response: '250 ok' };
      },
      ahead: () => undefined,
      release: () => undefined,
    };
    const report = await run({ journal, mailer: { open: async () => channel, close: async () => undefined }, recipients: recipients.slice(0, 1) });
    expect(report.delivered).toHaveLength(1);
    expect(order).toEqual(['attempt queued', 'envelope', 'attempt durable', 'data']);
  });

  it('puts a recipient back untried when its attempt cannot be recorded, even if the envelope was refused meanwhile', async () => {
    const journal = {
      append: (event: LedgerEvent) => (event.type === 'attempt' ? Promise.reject(Object.assign(new Error('full'), { code: 'ENOSPC' })) : Promise.resolve()),
    };
    const channel: Channel = {
      send: async () => ({ status: 'failed', reason: '550 5.1.1 no such user', noSuchUser: true }),
      ahead: () => undefined,
      release: () => undefined,
    };
    const report = await run({ journal, mailer: { open: async () => channel, close: async () => undefined }, recipients: recipients.slice(0, 1) });
    expect(report.failed).toEqual([]);
    expect(report.notAttempted.map((r) => r.key)).toEqual(['a@example.org']);
    expect(report.stop).toEqual({ kind: 'ledger', reason: 'the disk is full' });
    expect(report.attempts).toBe(0);
  });

  it('names a used-up disk quota as a full disk, as every other write does', async () => {
    const journal = {
      append: (event: LedgerEvent) =>
        event.type === 'attempt' ? Promise.reject(Object.assign(new Error('Disk quota exceeded'), { code: 'EDQUOT' })) : Promise.resolve(),
    };
    const channel: Channel = {
      send: async () => ({ status: 'delivered', response: '250 ok' }),
      ahead: () => undefined,
      release: () => undefined,
    };
    const report = await run({ journal, mailer: { open: async () => channel, close: async () => undefined }, recipients: recipients.slice(0, 1) });
    expect(report.stop).toEqual({ kind: 'ledger', reason: 'the disk is full' });
  });

  it('shares one fdatasync among the attempts of concurrent connections', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snippet-engine-'));
    try {
      let syncs = 0;
      const openFile = async (path: string): Promise<JournalFile> => {
        const journal = journalOf(await open(path, 'a+', 0o600));
        return {
          ...journal,
          datasync: () => {
            syncs++;
            return journal.datasync();
          },
        };
      };
      const { ledger } = await LedgerFile.open(join(dir, 'l.jsonl'), 'l.jsonl', { openFile });
      const many: Recipient[] = Array.from({ length: 60 }, (_, i) => ({ key: `m${i}@example.org`, email: `m${i}@example.org` }));
      // A server that takes a moment per message, as a real one does.
      const slow = fakeMailer();
      const mailer: Mailer = {
        open: async () => ({
          ...((await slow.open()) as Channel),
          send: async (envelope, message, durable) => {
            await new Promise((resolve) => setTimeout(resolve, 2));
            return ((await slow.open()) as Channel).send(envelope, message, durable);
          },
        }),
        close: async () => undefined,
      };
      const report = await run({ journal: ledger, mailer, recipients: many, connections: 6, clock: systemClock });
      await ledger.close();
      expect(report.delivered).toHaveLength(60);
      const events = await readLedger(join(dir, 'l.jsonl'), 'l.jsonl');
      expect(events).toHaveLength(120);
      // 120 lines: one sync each would be 120; six connections share them.
      expect(syncs).toBeLessThan(90);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
