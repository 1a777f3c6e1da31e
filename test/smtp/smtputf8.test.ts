import { afterEach, describe, expect, it } from 'vitest';
import { isConnectFailure } from '../../src/delivery/send-result.js';
import { createSmtpMailer } from '../../src/smtp/create-smtp-mailer.js';
import { smtpSettingsFromEnv } from '../../src/smtp/smtp-settings.js';
import { startScriptedSmtpServer } from '../support/scripted-smtp-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const body = [Buffer.from('Subject: x\r\n\r\nHello.\r\n')];

async function channelTo(smtputf8: boolean) {
  const extensions = ['250-scripted', '250-PIPELINING', ...(smtputf8 ? ['250-SMTPUTF8'] : []), '250 8BITMIME'];
  const server = await startScriptedSmtpServer({ ehlo: () => extensions });
  const mailer = createSmtpMailer(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: server.url }), { connections: 1 });
  cleanups.push(server.close, () => mailer.close());
  const open = async () => {
    const channel = await mailer.open();
    if (isConnectFailure(channel)) throw new Error(channel.reason);
    return channel;
  };
  return { server, open };
}

describe('addresses beyond ASCII (RFC 6531)', () => {
  it('never sends a non-ASCII local part to a server without SMTPUTF8: that recipient fails, not as a bounce (regression: sent raw)', async () => {
    const { server, open } = await channelTo(false);
    const result = await (await open()).send({ from: 'news@example.org', to: 'zoë.ní@example.org' }, body, Promise.resolve());
    expect(result).toEqual({
      status: 'failed',
      reason: expect.stringMatching(
        /^not sent: the address zoë\.ní@example\.org has letters beyond ASCII before the @, and the mail server does not offer SMTPUTF8/u,
      ),
      noSuchUser: false,
    });
    // Nothing of it reached the server, and the session goes on for the next member.
    expect(server.sessions[0]?.commands ?? []).not.toContainEqual(expect.stringMatching(/zo/u));
    await expect((await open()).send({ from: 'news@example.org', to: 'ann@example.org' }, body, Promise.resolve())).resolves.toMatchObject({
      status: 'delivered',
    });
    expect(server.connections()).toBe(1);
  });

  it('sends a non-ASCII domain to such a server in its ASCII form (IDNA)', async () => {
    const { server, open } = await channelTo(false);
    const result = await (await open()).send({ from: 'news@example.org', to: 'ann@bücher.example' }, body, Promise.resolve());
    expect(result).toMatchObject({ status: 'delivered' });
    expect(server.sessions[0]!.commands).toContain('RCPT TO:<ann@xn--bcher-kva.example>');
  });

  it('sends the address as it is, with SMTPUTF8, to a server that offers it', async () => {
    const { server, open } = await channelTo(true);
    const result = await (await open()).send({ from: 'news@example.org', to: 'zoë.ní@example.org' }, body, Promise.resolve());
    expect(result).toMatchObject({ status: 'delivered' });
    expect(server.sessions[0]!.commands.slice(1, 3)).toEqual([
      'MAIL FROM:<news@example.org> SMTPUTF8',
      `RCPT TO:<${Buffer.from('zoë.ní@example.org', 'utf8').toString('latin1')}>`,
    ]);
  });

  it('stops the run on a sender address such a server cannot take, instead of failing every member', async () => {
    const { open } = await channelTo(false);
    const result = await (await open()).send({ from: 'zoë@example.org', to: 'ann@example.org' }, body, Promise.resolve());
    expect(result).toMatchObject({ status: 'deferred', fatal: expect.stringMatching(/the sender address zoë@example\.org .* SMTPUTF8/u) });
  });
});
