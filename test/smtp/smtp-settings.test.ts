import { describe, expect, it } from 'vitest';
import { classifySmtpError } from '../../src/smtp/classify-smtp-error.js';
import { SnippetError } from '../../src/errors.js';
import { isLoopback, smtpSettingsFromEnv } from '../../src/smtp/smtp-settings.js';
import { smtpConnectionOptions } from '../../src/smtp/smtp-connection-options.js';

const timeouts = { connection: 1, greeting: 1, socket: 1 };

/** What `run` throws; undefined when it returns. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

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
    expect(
      smtpSettingsFromEnv({ SNIPPET_SMTP_HOST: 'smtp.office365.com', SNIPPET_SMTP_PORT: '587', SNIPPET_SMTP_USER: 'u', passFromFile: 'secret\n' }),
    ).toMatchObject({ host: 'smtp.office365.com', port: 587, user: 'u', pass: 'secret' });
  });

  it('explains a missing configuration and never repeats the password in errors', () => {
    expect(() => smtpSettingsFromEnv({})).toThrow(/no SMTP server is configured/u);
    for (const [url, message] of [
      ['http://u:hunter22@x', 'SNIPPET_SMTP_URL must start with smtp:// or smtps://, not http://'],
      ['smtp://u:hunter22@', 'SNIPPET_SMTP_URL is not a valid URL'],
      ['smtp:///hunter22', 'SNIPPET_SMTP_URL has no host name'],
      ['not a url hunter22', 'SNIPPET_SMTP_URL is not a valid URL'],
    ] as const) {
      // Thrown outside any try, so a URL that is wrongly accepted fails the test.
      const error = thrownBy(() => smtpSettingsFromEnv({ SNIPPET_SMTP_URL: url }));
      expect(error, url).toBeInstanceOf(SnippetError);
      expect((error as SnippetError).message).toBe(message);
      expect(JSON.stringify({ ...(error as SnippetError), message: (error as SnippetError).message })).not.toContain('hunter22');
    }
  });

  it('refuses a port that is not a port number, and a user without a password', () => {
    for (const port of ['0', '65536', 'abc', '25.5']) {
      expect(() => smtpSettingsFromEnv({ SNIPPET_SMTP_HOST: 'smtp.example.org', SNIPPET_SMTP_PORT: port })).toThrow(
        `SNIPPET_SMTP_PORT must be a port number, not "${port}"`,
      );
    }
    expect(() => smtpSettingsFromEnv({ SNIPPET_SMTP_URL: 'smtp://u@smtp.example.org' })).toThrow('SMTP user u has no password');
  });

  it('requires STARTTLS unless the server is on loopback', () => {
    const remote = smtpConnectionOptions(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: 'smtp://u:p@smtp.example.org:587' }), {}, timeouts);
    expect(remote).toMatchObject({ requireTLS: true, ignoreTLS: false, secure: false, tls: { rejectUnauthorized: true } });
    const local = smtpConnectionOptions(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: 'smtp://127.0.0.1:2525' }), {}, timeouts);
    expect(local).toMatchObject({ requireTLS: false, ignoreTLS: true });
    const implicit = smtpConnectionOptions(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: 'smtps://u:p@smtp.example.org' }), {}, timeouts);
    expect(implicit).toMatchObject({ secure: true, requireTLS: false });
  });

  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.9.9.9', true],
    ['::1', true],
    ['10.0.0.1', false],
    ['smtp.example.org', false],
    ['localhost.example.org', false],
    // IPv4 mapped into IPv6, as a dual-stack socket reports a local client (regression: not loopback).
    ['::ffff:127.0.0.1', true],
    ['::FFFF:127.9.9.9', true],
    ['0:0:0:0:0:ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:10.0.0.1', false],
    ['::ffff:128.0.0.1', false],
    ['fe80::1', false],
  ])('isLoopback(%s) is %s', (host, expected) => {
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
    expect(classifySmtpError({ responseCode: 550, response: '550 5.1.1 <x@example.org>: Recipient address rejected: User unknown' }, false)).toMatchObject({
      noSuchUser: true,
    });
    expect(classifySmtpError({ responseCode: 550, response: '550 5.7.1 Message rejected as spam' }, false)).toMatchObject({ noSuchUser: false });
  });

  it('stops the run on a refused sign-in', () => {
    // Refused sign-in: both a password and an OAuth2 token can be the cause, and the message says so.
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535, response: '535 5.7.3 Authentication unsuccessful' }, false)).toMatchObject({
      status: 'deferred',
      fatal: expect.stringMatching(/sign-in.*password.*smtp\.oauth2/u),
    });
  });

  it('stops the run when the server refuses STARTTLS, whatever its reply code (regression: retried as an outage)', () => {
    const refused = classifySmtpError(
      {
        code: 'ETLS',
        command: 'STARTTLS',
        responseCode: 500,
        response: '500 5.5.1 Error: command not recognized',
        message: 'Error upgrading connection with STARTTLS',
      },
      false,
    );
    expect(refused).toMatchObject({
      status: 'deferred',
      connectionFailure: true,
      fatal: expect.stringMatching(/does not offer STARTTLS.*smtps:\/\/HOST:465/u),
    });
  });
});

describe('classifySmtpError: outcomes and their reasons', () => {
  const SIGN_IN = /^the SMTP server refused the sign-in; check SNIPPET_SMTP_USER and the password, or the smtp\.oauth2 settings/u;
  const TLS = 'a secure (TLS) connection to the SMTP server could not be made; check the host name and its certificate';

  it.each([
    [
      'a 421 after connecting',
      { responseCode: 421, response: '421 4.7.0 Too many connections' },
      { status: 'deferred', reason: '421 4.7.0 Too many connections', connectionFailure: true },
    ],
    [
      'a 451 to one recipient',
      { responseCode: 451, response: ' 451 4.3.0 Try later \n' },
      { status: 'deferred', reason: '451 4.3.0 Try later', connectionFailure: false },
    ],
    ['a 4xx code without text', { responseCode: 452 }, { status: 'deferred', reason: '452', connectionFailure: false }],
    [
      'a lost connection before the data',
      { code: 'ECONNECTION', message: 'Connection closed unexpectedly' },
      { status: 'deferred', reason: 'connection lost', connectionFailure: true },
    ],
    [
      'a network error before the data',
      { code: 'ESOCKET', message: 'read ECONNRESET\n    at stack' },
      { status: 'deferred', reason: 'network error: read ECONNRESET', connectionFailure: true },
    ],
    [
      'a timeout before the data',
      { code: 'ETIMEDOUT', message: 'Timeout' },
      { status: 'deferred', reason: 'the server stopped answering (timed out)', connectionFailure: true },
    ],
    [
      'a name that does not resolve',
      { code: 'EDNS', message: 'getaddrinfo ENOTFOUND' },
      { status: 'deferred', reason: 'the server name does not resolve', connectionFailure: true },
    ],
    ['an unknown failure', { message: 'something odd\nsecond line' }, { status: 'deferred', reason: 'something odd', connectionFailure: true }],
    ['a failure with nothing said', {}, { status: 'deferred', reason: 'unknown failure', connectionFailure: true }],
  ])('%s is deferred, with its reason', (_what, error, expected) => {
    const result = classifySmtpError(error, false);
    expect(result).toEqual(expected);
  });

  it.each([
    [{ code: 'ECONNECTION', message: 'Connection closed' }, 'connection lost after the message was sent, before the server replied'],
    [{ code: 'ETIMEDOUT', message: 'Timeout' }, 'the server stopped answering (timed out) after the message was sent, before the server replied'],
    [{ code: 'ESOCKET', message: 'write EPIPE' }, 'network error: write EPIPE after the message was sent, before the server replied'],
  ])('%o once the data went out is in doubt: %s', (error, reason) => {
    expect(classifySmtpError(error, true)).toEqual({ status: 'in-doubt', reason });
  });

  it.each([
    [{ code: 'ETLS', message: 'Error initiating TLS\nmore' }, 'TLS failed: Error initiating TLS'],
    [{ code: 'ESOCKET', message: 'self-signed certificate in certificate chain' }, 'TLS failed: self-signed certificate in certificate chain'],
    [{ code: 'ESOCKET', message: 'self signed chain' }, 'TLS failed: self signed chain'],
    [{ code: 'ESOCKET', message: 'unable to verify the first certificate' }, 'TLS failed: unable to verify the first certificate'],
    [{ code: 'ESOCKET', message: 'CERT_HAS_EXPIRED' }, 'TLS failed: CERT_HAS_EXPIRED'],
  ])('a TLS or certificate failure (%o) stops the run', (error, reason) => {
    for (const dataSent of [false, true]) {
      expect(classifySmtpError(error, dataSent)).toEqual({ status: 'deferred', reason, connectionFailure: true, fatal: TLS });
    }
  });

  it('a refused sign-in stops the run, with or without a reply code', () => {
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535, response: '535 5.7.3 Authentication unsuccessful' }, false)).toEqual({
      status: 'deferred',
      reason: 'sign-in failed: 535 5.7.3 Authentication unsuccessful',
      connectionFailure: true,
      fatal: expect.stringMatching(SIGN_IN),
    });
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 534 }, false)).toMatchObject({
      reason: 'sign-in failed: 534',
      fatal: expect.stringMatching(SIGN_IN),
    });
    expect(classifySmtpError({ code: 'EAUTH', message: 'Missing credentials' }, false)).toEqual({
      status: 'deferred',
      reason: 'sign-in failed',
      connectionFailure: true,
      fatal: expect.stringMatching(SIGN_IN),
    });
    expect(classifySmtpError({ code: 'EAUTH', response: 'no mechanism' }, false)).toMatchObject({ reason: 'sign-in failed: no mechanism' });
  });

  it.each([
    [550, '550 5.1.1', true],
    [553, '553 5.1.1 <x@example.org>', true],
    [550, '550 5.1.10 RESOLVER.ADR.RecipientNotFound', true],
    [551, '551 5.1.0 address rejected', true],
    [550, '550 User unknown', true],
    [550, '550 no such user here', true],
    [550, '550 Requested action not taken: mailbox unavailable', true],
    [550, '550 Recipient does not exist', false],
    [550, '550 Invalid recipient', true],
    [550, '550 5.7.1 Message rejected as spam', false],
    [550, '550 5.1.12 not a mailbox code', false],
    [554, '554 user unknown', false],
    [500, '500 5.5.2 Syntax error, command unrecognized', false],
  ])('a %i reply "%s" is failed; no such user: %s', (code, response, noSuchUser) => {
    expect(classifySmtpError({ responseCode: code, response }, false)).toEqual({ status: 'failed', reason: response, noSuchUser });
  });

  it('a 5xx code without text is failed with the code as its reason', () => {
    expect(classifySmtpError({ responseCode: 500 }, true)).toEqual({ status: 'failed', reason: '500', noSuchUser: false });
    expect(classifySmtpError({ responseCode: 599, response: '599 odd' }, false)).toMatchObject({ status: 'failed' });
    expect(classifySmtpError({ responseCode: 600, response: '600 odd' }, false)).toMatchObject({ status: 'deferred' });
    expect(classifySmtpError({ responseCode: 399, response: '399 odd' }, false)).toMatchObject({ status: 'deferred' });
  });
});
