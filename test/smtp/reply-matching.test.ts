import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Recipient } from '../../src/delivery/delivery-plan.js';
import { recipientStates } from '../../src/delivery/ledger-event.js';
import { LedgerFile, readLedger } from '../../src/delivery/ledger-file.js';
import { RateLimiter } from '../../src/delivery/rate-limiter.js';
import { runSendEngine, systemClock } from '../../src/delivery/send-engine.js';
import { isConnectFailure } from '../../src/delivery/send-result.js';
import { createSmtpMailer } from '../../src/smtp/create-smtp-mailer.js';
import { smtpSettingsFromEnv } from '../../src/smtp/smtp-settings.js';
import { startScriptedSmtpServer, type Script } from '../support/scripted-smtp-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const recipients: Recipient[] = ['a', 'b', 'c', 'd'].map((name) => ({ key: `${name}@example.org`, email: `${name}@example.org` }));

function message(recipient: Recipient) {
  const head = Buffer.from(`From: snippet@example.org\r\nTo: ${recipient.email}\r\nSubject: test\r\n\r\n`);
  return { envelope: { from: 'snippet@example.org', to: recipient.email }, messageId: `<${recipient.key}>`, chunks: [head, Buffer.from('Hello.\r\n')] };
}

/**
 * The red team's server: for c's message it says `250` as soon as the data
 * starts, then its real verdict, `550 5.1.1`, once the data has ended.
 */
function earlyReplyFor(victim: string): Script {
  let current = '';
  let early = false;
  let said = false;
  return {
    command: (line) => {
      if (line.startsWith('RCPT TO:')) current = line.slice(9, -1);
      if (line === 'DATA') {
        early = current === victim;
        said = false;
        return '354 go ahead';
      }
      return '250 OK';
    },
    // The early reply, once the client is sending the data: it cannot be the reply to the data's end.
    dataLine: () => {
      if (!early || said) return undefined;
      said = true;
      return '250 2.0.0 early';
    },
    dataEnd: () => (early ? '550 5.1.1 no such user' : '250 queued'),
  };
}

async function engineRun(url: string, dir: string, connections = 1) {
  const path = join(dir, 'ledger.jsonl');
  const { ledger } = await LedgerFile.open(path, 'ledger.jsonl');
  const mailer = createSmtpMailer(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: url }), {
    connections,
    timeouts: { connection: 5_000, greeting: 5_000, socket: 5_000 },
  });
  cleanups.push(() => mailer.close());
  const report = await runSendEngine({
    recipients,
    build: message,
    mailer,
    journal: ledger,
    limiter: new RateLimiter([]),
    connections,
    retry: { attempts: 1, firstDelayMs: 10 },
    stopAfterFailures: 5,
    maxWaitMs: 1_000,
    clock: systemClock,
  });
  await ledger.close();
  return { report, states: recipientStates(await readLedger(path, 'ledger.jsonl')) };
}

describe('replies matched to commands strictly (regression: an early 250 made message 3 delivered, and the next member failed)', () => {
  it('takes a reply that came before the data had ended as out of step: the message is in doubt, the next member is not blamed', async () => {
    const server = await startScriptedSmtpServer(earlyReplyFor('c@example.org'));
    const dir = await mkdtemp(join(tmpdir(), 'snippet-replies-'));
    cleanups.push(server.close, () => rm(dir, { recursive: true, force: true }));
    const { report, states } = await engineRun(server.url, dir);
    expect(states.get('a@example.org')?.state).toBe('delivered');
    expect(states.get('b@example.org')?.state).toBe('delivered');
    expect(states.get('c@example.org')?.state).toBe('in-doubt');
    expect(states.get('d@example.org')?.state).toBe('delivered');
    expect(report.failed).toEqual([]);
    expect(report.inDoubt.map((entry) => entry.recipient.key)).toEqual(['c@example.org']);
    expect(report.inDoubt[0]!.reason).toMatch(/out of step/u);
    // The session c's message went over was dropped: d went over a new one.
    expect(server.connections()).toBe(2);
  });

  it('drops the session when a reply comes with 354, before any data: the message is not sent, and goes again', async () => {
    const server = await startScriptedSmtpServer({
      command: (line) => (line === 'DATA' ? ['354 go ahead', '250 2.0.0 early'] : '250 OK'),
    });
    const mailer = createSmtpMailer(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: server.url }), { connections: 1 });
    cleanups.push(server.close, () => mailer.close());
    const channel = await mailer.open();
    if (isConnectFailure(channel)) throw new Error(channel.reason);
    const result = await channel.send(message(recipients[0]!).envelope, message(recipients[0]!).chunks, Promise.resolve());
    expect(result).toMatchObject({ status: 'deferred', connectionFailure: true });
    expect(server.sessions[0]!.messages).toEqual([]);
  });
});
