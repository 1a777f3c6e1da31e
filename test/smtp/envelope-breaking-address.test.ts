import { afterEach, describe, expect, it } from 'vitest';
import { isConnectFailure } from '../../src/delivery/send-result.js';
import { createSmtpMailer } from '../../src/smtp/create-smtp-mailer.js';
import { probeSmtp } from '../../src/smtp/probe-smtp.js';
import { smtpSettingsFromEnv } from '../../src/smtp/smtp-settings.js';
import { startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const body = [Buffer.from('Subject: x\r\n\r\nHello.\r\n')];
const timeouts = { connection: 5_000, greeting: 5_000, socket: 5_000 };

async function server() {
  const smtp = await startSmtpServer();
  cleanups.push(smtp.close);
  return smtp;
}

describe('an address with a line break, < or > in it never goes in MAIL FROM or RCPT TO', () => {
  for (const [what, to] of [
    ['a line break', 'ann@example.org\r\nRCPT TO:<eve@example.org>'],
    ['a >', 'ann@example.org>x@example.org'],
    ['a <', 'ann<@example.org'],
  ] as const)
    it(`fails a member whose address has ${what} in it, sends nothing for them, and sends the next member`, async () => {
      const smtp = await server();
      const mailer = createSmtpMailer(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: smtp.url }), { connections: 1 });
      cleanups.push(() => mailer.close());
      const open = async () => {
        const channel = await mailer.open();
        if (isConnectFailure(channel)) throw new Error(channel.reason);
        return channel;
      };
      const refused = await (await open()).send({ from: 'news@example.org', to }, body, Promise.resolve());
      // Failed, not deferred: no later run could send it either (regression: deferred as a connection failure, "Invalid address").
      expect(refused).toEqual({
        status: 'failed',
        reason: `not sent: the address ${JSON.stringify(to).slice(1, -1)} has a line break, < or > in it`,
        noSuchUser: false,
      });
      expect(smtp.stages('mail')).toBe(0);
      expect(smtp.stages('rcpt')).toBe(0);
      const next = await (await open()).send({ from: 'news@example.org', to: 'bob@example.org' }, body, Promise.resolve());
      expect(next).toMatchObject({ status: 'delivered' });
      expect(smtp.messages.map((message) => message.to)).toEqual([['bob@example.org']]);
      expect(smtp.stages('rcpt')).toBe(1);
    });

  it('stops the run on a sender address with a line break in it, instead of failing every member, and gives the server nothing', async () => {
    const smtp = await server();
    const mailer = createSmtpMailer(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: smtp.url }), { connections: 1 });
    cleanups.push(() => mailer.close());
    const channel = await mailer.open();
    if (isConnectFailure(channel)) throw new Error(channel.reason);
    const result = await channel.send({ from: 'news@example.org\nRSET', to: 'ann@example.org' }, body, Promise.resolve());
    expect(result).toMatchObject({
      status: 'deferred',
      fatal: 'the sender address news@example.org\\nRSET has a line break, < or > in it; use a plain address as the sender',
    });
    expect(smtp.stages('mail')).toBe(0);
  });
});

describe('snippet doctor: a sender address with a line break, < or > in it', () => {
  for (const sender of ['news@example.org\r\nRCPT TO:<eve@example.org>', 'news@example.org>', '<news@example.org'])
    it(`fails the sender check for ${JSON.stringify(sender)} in plain words, and gives the server no MAIL FROM`, async () => {
      const smtp = await server();
      const probe = await probeSmtp(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: smtp.url }), sender, { timeouts });
      expect(probe).toMatchObject({
        failedAt: 'sender',
        error: undefined,
        // On one line: a line break in it is shown as \r\n, not printed.
        senderProblem: `the sender address ${JSON.stringify(sender).slice(1, -1)} has a line break, < or > in it`,
      });
      expect(smtp.connections()).toBe(1);
      expect(smtp.stages('mail')).toBe(0);
    });
});
