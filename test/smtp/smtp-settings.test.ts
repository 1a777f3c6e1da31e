import { describe, expect, it } from 'vitest';
import { classifySmtpError } from '../../src/smtp/classify-smtp-error.js';
import { isLoopback, smtpSettingsFromEnv } from '../../src/smtp/smtp-settings.js';
import { smtpConnectionOptions } from '../../src/smtp/smtp-connection-options.js';

const timeouts = { connection: 1, greeting: 1, socket: 1 };

describe('smtpSettingsFromEnv', () => {
  it('reads an smtp URL (STARTTLS) with percent-encoded credentials', () => {
    const settings = smtpSettingsFromEnv({ SNIPPET_SMTP_URL: 'smtp://snippet%40example.org:p%40ss%3Aword@smtp.example.org:587' });
    expect(settings).toMatchObject({ host: 'smtp.example.org', port: 587, secure: false, loopback: false, user: 'snippet@example.org', pass: 'p@ss:word' });
    expect(settings.display).toBe('smtp://snippet%40example.org@smtp.example.org:587');
  });

  it('reads smtps as implicit TLS on 465', () => {
    expect(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: 'smtps://u:p@mail.example.org' })).toMatchObject({ secure: true, port: 465 });
  });

  it('reads host, port, user and a password file', () => {
    expect(smtpSettingsFromEnv({ SNIPPET_SMTP_HOST: 'smtp.office365.com', SNIPPET_SMTP_PORT: '587', SNIPPET_SMTP_USER: 'u', passFromFile: 'secret\n' })).toMatchObject({ host: 'smtp.office365.com', port: 587, user: 'u', pass: 'secret' });
  });

  it('explains a missing configuration and never repeats the password in errors', () => {
    expect(() => smtpSettingsFromEnv({})).toThrow(/no SMTP server is configured/u);
    for (const url of ['http://u:hunter22@x', 'smtp://u:hunter22@', 'not a url hunter22']) {
      try {
        smtpSettingsFromEnv({ SNIPPET_SMTP_URL: url });
        expect.unreachable();
      } catch (error) {
        expect(String((error as Error).message)).not.toContain('hunter22');
      }
    }
  });

  it('requires STARTTLS unless the server is on loopback', () => {
    const remote = smtpConnectionOptions(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: 'smtp://u:p@smtp.example.org:587' }), {}, timeouts);
    expect(remote).toMatchObject({ requireTLS: true, ignoreTLS: false, secure: false, tls: { rejectUnauthorized: true } });
    const local = smtpConnectionOptions(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: 'smtp://127.0.0.1:2525' }), {}, timeouts);
    expect(local).toMatchObject({ requireTLS: false, ignoreTLS: true });
    const implicit = smtpConnectionOptions(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: 'smtps://u:p@smtp.example.org' }), {}, timeouts);
    expect(implicit).toMatchObject({ secure: true, requireTLS: false });
  });

  it.each([['localhost', true], ['127.0.0.1', true], ['127.9.9.9', true], ['::1', true], ['10.0.0.1', false], ['smtp.example.org', false], ['localhost.example.org', false]])('isLoopback(%s) is %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

describe('classifySmtpError', () => {
  it.each([
    [{ responseCode: 451, response: '451 4.3.0 later' }, false, 'deferred'],
    [{ responseCode: 421, response: '421 closing' }, true, 'deferred'],
    [{ responseCode: 550, response: '550 5.1.1 no such user' }, false, 'failed'],
    [{ responseCode: 554, response: '554 5.7.1 relay denied' }, true, 'failed'],
    [{ code: 'ECONNECTION', message: 'Connection closed' }, false, 'deferred'],
    [{ code: 'ECONNECTION', message: 'Connection closed' }, true, 'in-doubt'],
    [{ code: 'ETIMEDOUT', message: 'Timeout' }, true, 'in-doubt'],
  ])('%o with data sent %s is %s', (error, dataSent, status) => {
    expect(classifySmtpError(error, dataSent).status).toBe(status);
  });

  it('recognises a mailbox that does not exist', () => {
    expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 <x@example.org>: Recipient address rejected: User unknown' }, false)).toMatchObject({ noSuchUser: true });
    expect(classifySmtpError({ responseCode: 550, response: '550 5.7.1 Message rejected as spam' }, false)).toMatchObject({ noSuchUser: false });
  });

  it('stops the run on a refused sign-in', () => {
    // Refused sign-in: both a password and an OAuth2 token can be the cause, and the message says so.
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535, response: '535 5.7.3 Authentication unsuccessful' }, false)).toMatchObject({ status: 'deferred', fatal: expect.stringMatching(/sign-in.*password.*smtp\.oauth2/u) });
  });

  it('stops the run when the server refuses STARTTLS, whatever its reply code (regression: retried as an outage)', () => {
    const refused = classifySmtpError({ code: 'ETLS', command: 'STARTTLS', responseCode: 500, response: '500 5.5.1 Error: command not recognized', message: 'Error upgrading connection with STARTTLS' }, false);
    expect(refused).toMatchObject({ status: 'deferred', connectionFailure: true, fatal: expect.stringMatching(/does not offer STARTTLS.*smtps:\/\/HOST:465/u) });
  });
});
