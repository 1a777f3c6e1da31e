import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { classifySmtpError } from '../../src/smtp/classify-smtp-error.js';
import type { SmtpConnectionOptions } from '../../src/smtp/smtp-connection-options.js';
import { SmtpDialogue } from '../../src/smtp/smtp-dialogue.js';
import { SmtpError } from '../../src/smtp/smtp-error.js';
import { startScriptedSmtpServer, type Script } from '../support/scripted-smtp-server.js';
import { selfSignedCertificate } from '../support/self-signed-cert.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

let tls: Awaited<ReturnType<typeof selfSignedCertificate>>;
beforeAll(async () => {
  tls = await selfSignedCertificate();
  return () => tls.remove();
});

/** STARTTLS required, as for any server that is not on this computer; the test certificate trusted. */
function options(port: number): SmtpConnectionOptions {
  return {
    host: '127.0.0.1',
    port,
    secure: false,
    requireTLS: true,
    ignoreTLS: false,
    name: 'snippet.test',
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 5_000,
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2', ca: tls.cert },
  };
}

async function server(script: Script) {
  const started = await startScriptedSmtpServer({ tls: { key: tls.key, cert: tls.cert }, ...script });
  cleanups.push(started.close);
  return started;
}

/** Before TLS: STARTTLS offered, PIPELINING not. After: neither. */
const ehlo: Script['ehlo'] = (_session, secure) => (secure ? ['250-scripted', '250 8BITMIME'] : ['250-scripted', '250-STARTTLS', '250 8BITMIME']);

describe('STARTTLS (RFC 3207)', () => {
  it('discards what the server sent before the handshake (regression: an injected 250-PIPELINING made the client pipeline)', async () => {
    const { port, sessions } = await server({
      ehlo,
      command: (line, session) => {
        if (line !== 'STARTTLS') return '250 OK';
        // The injection: plaintext after 220, in the same write, that must not count as part of the encrypted EHLO reply.
        session.write('220 go ahead\r\n250-PIPELINING\r\n');
        void session.startTls();
        return undefined;
      },
    });
    const dialogue = await SmtpDialogue.open(options(port));
    cleanups.push(async () => dialogue.destroy());
    expect(dialogue.secure).toBe(true);
    expect(dialogue.pipelining).toBe(false);
    expect(dialogue.extensions).not.toMatch(/PIPELINING/u);
    expect(sessions[0]!.commands).toEqual(['EHLO snippet.test', 'STARTTLS', 'EHLO snippet.test']);
  });

  it('takes 454 to STARTTLS as a temporary failure, to try again later, not as a server without STARTTLS', async () => {
    const { port } = await server({ ehlo, command: (line) => (line === 'STARTTLS' ? '454 4.7.0 TLS not available due to temporary reason' : '250 OK') });
    const error = await SmtpDialogue.open(options(port)).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SmtpError);
    const result = classifySmtpError(error as SmtpError, false);
    expect(result).toMatchObject({ status: 'deferred', connectionFailure: true });
    expect(result).not.toHaveProperty('fatal');
    expect(result.reason).toMatch(/454 4\.7\.0 TLS not available/u);
    expect(result.reason).not.toMatch(/does not offer/u);
  });

  it('still stops on a server that does not offer STARTTLS at all', async () => {
    const { port } = await server({ ehlo: () => ['250-scripted', '250 8BITMIME'] });
    const error = await SmtpDialogue.open(options(port)).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(classifySmtpError(error as SmtpError, false)).toMatchObject({ status: 'deferred', fatal: expect.stringMatching(/does not offer STARTTLS/u) });
  });
});
