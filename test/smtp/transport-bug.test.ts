import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Recipient } from '../../src/delivery/delivery-plan.js';
import { recipientStates } from '../../src/delivery/ledger-event.js';
import { LedgerFile, readLedger } from '../../src/delivery/ledger-file.js';
import type { OutgoingMessage } from '../../src/delivery/outgoing-message.js';
import { RateLimiter } from '../../src/delivery/rate-limiter.js';
import { runSendEngine, systemClock } from '../../src/delivery/send-engine.js';
import { isConnectFailure, TransportBug } from '../../src/delivery/send-result.js';
import { createSmtpMailer } from '../../src/smtp/create-smtp-mailer.js';
import { smtpSettingsFromEnv } from '../../src/smtp/smtp-settings.js';
import { startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const recipients: Recipient[] = ['a', 'b', 'c', 'd'].map((name) => ({ key: `${name}@example.org`, email: `${name}@example.org` }));

/** A message; `broken` gives it a piece that is not a Buffer, as a bug in building it would. */
function message(recipient: Recipient, broken: boolean): OutgoingMessage {
  const head = Buffer.from(`From: snippet@example.org\r\nTo: ${recipient.email}\r\nSubject: test\r\n\r\n`);
  const body = broken ? (null as unknown as Buffer) : Buffer.from('Hello.\r\n');
  return { envelope: { from: 'snippet@example.org', to: recipient.email }, messageId: `<${recipient.key}>`, chunks: [head, body] };
}

async function setup() {
  const server = await startSmtpServer();
  const dir = await mkdtemp(join(tmpdir(), 'snippet-bug-'));
  cleanups.push(server.close, () => rm(dir, { recursive: true, force: true }));
  const mailer = createSmtpMailer(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: server.url }), {
    connections: 1,
    timeouts: { connection: 5_000, greeting: 5_000, socket: 5_000 },
  });
  cleanups.push(() => mailer.close());
  return { server, dir, mailer };
}

describe('a bug inside the SMTP transaction (regression: taken for a lost connection, every recipient in doubt)', () => {
  it('is thrown as a bug, with no data sent, and the session dropped', async () => {
    const { server, mailer } = await setup();
    const channel = await mailer.open();
    if (isConnectFailure(channel)) throw new Error(channel.reason);
    const sent = channel.send(message(recipients[0]!, true).envelope, message(recipients[0]!, true).chunks);
    await expect(sent).rejects.toBeInstanceOf(TransportBug);
    await expect(sent).rejects.toMatchObject({ dataMayHaveGone: false, bug: expect.any(TypeError) });
    // The next message goes over a new session, and arrives whole.
    const next = await mailer.open();
    if (isConnectFailure(next)) throw new Error(next.reason);
    expect(await next.send(message(recipients[1]!, false).envelope, message(recipients[1]!, false).chunks)).toMatchObject({ status: 'delivered' });
    expect(server.messages.map((m) => m.to)).toEqual([['b@example.org']]);
    expect(server.connections()).toBe(2);
  });

  it('ends the run with the bug itself, and the ledger holds the message in flight as not sent', async () => {
    const { server, dir, mailer } = await setup();
    const path = join(dir, 'ledger.jsonl');
    const { ledger } = await LedgerFile.open(path, 'ledger.jsonl');
    const run = runSendEngine({
      recipients,
      build: (recipient) => message(recipient, recipient.key === 'b@example.org'),
      mailer,
      journal: ledger,
      limiter: new RateLimiter([]),
      connections: 1,
      retry: { attempts: 3, firstDelayMs: 10 },
      stopAfterFailures: 5,
      maxWaitMs: 1_000,
      clock: systemClock,
    });
    await expect(run).rejects.toBeInstanceOf(TypeError);
    await ledger.close();
    const events = await readLedger(path, 'ledger.jsonl');
    expect(events.map((e) => `${e.type} ${'to' in e ? e.to : ''}`)).toEqual([
      'attempt a@example.org',
      'delivered a@example.org',
      'attempt b@example.org',
      'deferred b@example.org',
    ]);
    expect(events[3]).toMatchObject({ reason: expect.stringMatching(/^not sent: internal error \(Cannot read properties of null/u) });
    // The next run sends b again (it is not in doubt), and c and d, which were never tried.
    const states = recipientStates(events);
    expect(states.get('b@example.org')?.state).toBe('deferred');
    expect(states.has('c@example.org')).toBe(false);
    expect(server.messages.map((m) => m.to[0])).toEqual(['a@example.org']);
  });

  it('throws a bug in connecting, where it was a connection failure to retry', async () => {
    const server = await startSmtpServer();
    cleanups.push(server.close);
    const bug = new TypeError('token cache broken');
    const settings = smtpSettingsFromEnv({ SNIPPET_SMTP_URL: server.url, SNIPPET_SMTP_USER: 'snippet@example.org' }, { oauth2: true });
    const mailer = createSmtpMailer(settings, { connections: 1, accessToken: () => Promise.reject(bug) });
    cleanups.push(() => mailer.close());
    await expect(mailer.open()).rejects.toBe(bug);
    expect(server.connections()).toBe(0);
  });
});
