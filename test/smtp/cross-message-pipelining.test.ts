import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Recipient } from '../../src/delivery/delivery-plan.js';
import { recipientStates, type LedgerEvent } from '../../src/delivery/ledger-event.js';
import { LedgerFile, readLedger } from '../../src/delivery/ledger-file.js';
import { RateLimiter } from '../../src/delivery/rate-limiter.js';
import { runSendEngine, systemClock } from '../../src/delivery/send-engine.js';
import { createSmtpMailer } from '../../src/smtp/create-smtp-mailer.js';
import { smtpSettingsFromEnv } from '../../src/smtp/smtp-settings.js';
import { startScriptedSmtpServer, type ScriptedSession } from '../support/scripted-smtp-server.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const recipients: Recipient[] = ['a', 'b', 'c', 'd'].map((name) => ({ key: `${name}@example.org`, email: `${name}@example.org` }));

function message(recipient: Recipient) {
  const head = Buffer.from(`From: snippet@example.org\r\nTo: ${recipient.email}\r\nSubject: test\r\n\r\n`);
  return { envelope: { from: 'snippet@example.org', to: recipient.email }, messageId: `<${recipient.key}>`, chunks: [head, Buffer.from('Hello.\r\n')] };
}

/** The engine over one connection into `url`, with a real ledger; what it reported and what the ledger says. */
async function engineRun(url: string, attempts = 1) {
  const dir = await mkdtemp(join(tmpdir(), 'snippet-pipelining-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'ledger.jsonl');
  const { ledger } = await LedgerFile.open(path, 'ledger.jsonl');
  const mailer = createSmtpMailer(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: url }), {
    connections: 1,
    timeouts: { connection: 5_000, greeting: 5_000, socket: 5_000 },
  });
  cleanups.push(() => mailer.close());
  const report = await runSendEngine({
    recipients,
    build: message,
    mailer,
    journal: ledger,
    limiter: new RateLimiter([]),
    connections: 1,
    retry: { attempts, firstDelayMs: 10 },
    stopAfterFailures: 5,
    maxWaitMs: 5_000,
    clock: systemClock,
  });
  await ledger.close();
  const events = await readLedger(path, 'ledger.jsonl');
  return { report, events, states: recipientStates(events) };
}

/** The ledger's lines for one recipient, by type. */
const linesFor = (events: readonly LedgerEvent[], to: string): string[] => events.filter((e) => 'to' in e && e.to === to).map((e) => e.type);

/** The lines a client writes for one message's envelope. */
const envelopeLines = (to: string): string[] => ['MAIL FROM:<snippet@example.org>', `RCPT TO:<${to}>`, 'DATA'];

describe('the next envelope goes out with the previous end of data (PIPELINING)', () => {
  it("sends b's envelope before a's data has its reply: the server holds that reply until b's MAIL FROM arrives", async () => {
    // Without the envelope in the same write as the end of data, the client waits for the held reply until it times out.
    let held: ScriptedSession | undefined;
    const server = await startScriptedSmtpServer({
      dataEnd: (_message, session) => {
        if (session.messages.length !== 1) return '250 queued';
        held = session;
        return undefined;
      },
      command: (line, session) => {
        if (line.startsWith('MAIL FROM:') && held === session) {
          held = undefined;
          return ['250 queued', '250 OK'];
        }
        return line === 'DATA' ? '354 go ahead' : '250 OK';
      },
    });
    cleanups.push(server.close);
    const { report, states } = await engineRun(server.url);
    expect(report.delivered.map((r) => r.key)).toEqual(recipients.map((r) => r.key));
    expect([...states.values()].every((s) => s.state === 'delivered')).toBe(true);
    expect(server.connections()).toBe(1);
    expect(server.sessions[0]!.messages).toHaveLength(4);
    expect(server.sessions[0]!.commands.slice(1)).toEqual(recipients.flatMap((r) => envelopeLines(r.email)));
  });

  it('a server without PIPELINING gets each envelope only after the previous reply, one command at a time', async () => {
    // This server replies to a's data only once it is sure nothing more came with it: a command in the same read is a violation.
    const early: string[] = [];
    let replied = true;
    const server = await startScriptedSmtpServer({
      ehlo: () => ['250-scripted', '250 8BITMIME'],
      dataEnd: (_message, session) => {
        replied = false;
        // The reply goes once the event loop has read what reached the socket with the end of data.
        setImmediate(() => {
          replied = true;
          session.write('250 queued\r\n');
        });
        return undefined;
      },
      command: (line) => {
        if (!replied) early.push(line);
        return line === 'DATA' ? '354 go ahead' : '250 OK';
      },
    });
    cleanups.push(server.close);
    const { report } = await engineRun(server.url);
    expect(report.delivered).toHaveLength(4);
    expect(early).toEqual([]);
    expect(server.sessions[0]!.commands.slice(1)).toEqual(recipients.flatMap((r) => envelopeLines(r.email)));
  });

  it('delivers everyone once over one connection to a real server (smtp-server), with and without PIPELINING', async () => {
    for (const pipelining of [true, false]) {
      const server = await startSmtpServer(pipelining ? {} : { pipelining: false });
      cleanups.push(server.close);
      const { report, events } = await engineRun(server.url);
      expect(report.delivered).toHaveLength(4);
      expect([...deliveries(server.messages).values()]).toEqual([1, 1, 1, 1]);
      expect(server.connections()).toBe(1);
      // Each attempt follows the previous outcome: a connection never has two messages in doubt.
      expect(events.map((e) => `${e.type} ${'to' in e ? e.to : ''}`)).toEqual(recipients.flatMap((r) => [`attempt ${r.key}`, `delivered ${r.key}`]));
    }
  });
});

describe('faults between pipelined messages (nothing lost, nothing twice)', () => {
  it('a refused next recipient: the previous is delivered, the refused one failed as it would be alone, the rest go on the same connection', async () => {
    let refusals = 0;
    const server = await startSmtpServer({ onRecipient: (address) => (address === 'b@example.org' && ++refusals ? '550 5.1.1 no such user' : undefined) });
    cleanups.push(server.close);
    const { report, states } = await engineRun(server.url);
    // Judged on the pipelined refusal itself, not sent again on its own to find out.
    expect(refusals).toBe(1);
    expect(states.get('a@example.org')?.state).toBe('delivered');
    expect(states.get('b@example.org')?.state).toBe('failed');
    expect(report.failed).toEqual([{ recipient: recipients[1], reason: expect.stringMatching(/^550 5\.1\.1/u), bounced: true }]);
    expect(report.delivered.map((r) => r.key)).toEqual(['a@example.org', 'c@example.org', 'd@example.org']);
    expect(report.inDoubt).toEqual([]);
    expect(server.connections()).toBe(1);
    expect([...deliveries(server.messages).keys()]).toEqual(['a@example.org', 'c@example.org', 'd@example.org']);
  });

  it('a refused next sender (5xx to the pipelined MAIL FROM): the previous is delivered, and the run stops as a sender refusal does', async () => {
    const server = await startSmtpServer({
      onSender: (count) => (count === 2 ? '550 5.7.1 Client does not have permissions to send as this sender' : undefined),
    });
    cleanups.push(server.close);
    const { report, states } = await engineRun(server.url);
    expect(states.get('a@example.org')?.state).toBe('delivered');
    expect(report.stop).toMatchObject({ kind: 'fatal', reason: expect.stringMatching(/refused the sender \(MAIL FROM\): 550 5\.7\.1/u) });
    expect(report.delivered.map((r) => r.key)).toEqual(['a@example.org']);
    expect(report.failed).toEqual([]);
    expect(report.inDoubt).toEqual([]);
    // b is left for the next run, neither failed nor suppressed.
    expect(states.get('b@example.org')?.state).toBe('deferred');
    expect([...deliveries(server.messages).keys()]).toEqual(['a@example.org']);
  });

  it("a refused message data with the next envelope already sent: the refusal is that message's, and the next goes on, no RSET between", async () => {
    const server = await startSmtpServer({ afterData: (to) => (to === 'a@example.org' ? '550 5.7.1 message content rejected' : 'accept') });
    cleanups.push(server.close);
    const { report, states } = await engineRun(server.url);
    expect(states.get('a@example.org')?.state).toBe('failed');
    expect(report.failed).toEqual([{ recipient: recipients[0], reason: expect.stringMatching(/^550 5\.7\.1/u), bounced: false }]);
    expect(report.delivered.map((r) => r.key)).toEqual(['b@example.org', 'c@example.org', 'd@example.org']);
    expect(server.connections()).toBe(1);
  });

  it('a 421 to the pipelined MAIL FROM: the previous is delivered, the next is not sent and goes again over a new connection', async () => {
    let senders = 0;
    const server = await startSmtpServer({ onSender: (count) => ((senders = count) === 2 ? '421 4.3.2 System shutting down, closing' : undefined) });
    cleanups.push(server.close);
    const { report, events } = await engineRun(server.url, 3);
    // a, b (421), then b again, c and d on the new connection.
    expect(senders).toBe(5);
    expect(report.delivered.map((r) => r.key).sort()).toEqual(recipients.map((r) => r.key));
    expect(report.inDoubt).toEqual([]);
    expect(server.connections()).toBe(2);
    expect([...deliveries(server.messages).values()]).toEqual([1, 1, 1, 1]);
    // As a 421 to a MAIL FROM sent alone: deferred, then delivered on the retry.
    expect(linesFor(events, 'a@example.org')).toEqual(['attempt', 'delivered']);
    expect(linesFor(events, 'b@example.org')).toEqual(['attempt', 'deferred', 'attempt', 'delivered']);
  });

  it('the connection lost with two messages in flight (the data of one, the envelope of the next): the first in doubt, the next not sent and sent again', async () => {
    // The session is dropped when b's DATA arrives while a's data has had no reply: both were written, neither answered.
    const server = await startScriptedSmtpServer({
      dataEnd: (_message, session) => (session === server.sessions[0] ? undefined : '250 queued'),
      command: (line, session) => {
        if (session === server.sessions[0] && session.messages.length === 1) {
          if (line === 'DATA') session.drop();
          return undefined;
        }
        return line === 'DATA' ? '354 go ahead' : '250 OK';
      },
    });
    cleanups.push(server.close);
    // One try each: b, had it been tried on the lost connection, would end this run deferred.
    const { report, events, states } = await engineRun(server.url, 1);
    expect(server.sessions[0]!.commands.slice(1)).toEqual([...envelopeLines('a@example.org'), ...envelopeLines('b@example.org')]);
    expect(states.get('a@example.org')?.state).toBe('in-doubt');
    expect(report.inDoubt.map((entry) => entry.recipient.key)).toEqual(['a@example.org']);
    // b was never attempted on the lost connection: no attempt line before the one that delivered it.
    expect(linesFor(events, 'b@example.org')).toEqual(['attempt', 'delivered']);
    expect(report.delivered.map((r) => r.key)).toEqual(['b@example.org', 'c@example.org', 'd@example.org']);
    expect(server.connections()).toBe(2);
    expect(server.sessions[1]!.messages).toHaveLength(3);
  });
});
