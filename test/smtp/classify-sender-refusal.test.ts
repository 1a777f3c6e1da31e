import { describe, expect, it } from 'vitest';
import { classifyConnectError, classifySmtpError } from '../../src/smtp/classify-smtp-error.js';

describe('classifySmtpError: a refusal of the sender is not a recipient failure', () => {
  it.each([
    ['550 5.7.1 Client does not have permissions to send as this sender', /SNIPPET_SMTP_USER\) send-as rights/u],
    ['550 5.7.60 SMTP; Client does not have permissions to send as this sender', /send-as rights/u],
    ['550 5.1.0 <snippet@example.org>: Sender denied', /check from\.address/u],
    ['553 5.7.1 Sender address rejected: not owned by user', /check from\.address/u],
  ])('%s at MAIL FROM stops the run, suppresses no one', (reply, advice) => {
    const result = classifySmtpError({ code: 'EENVELOPE', command: 'MAIL FROM', responseCode: Number(reply.slice(0, 3)), response: reply }, false);
    expect(result).toMatchObject({ status: 'deferred', connectionFailure: false });
    expect(result.status === 'deferred' && result.fatal).toMatch(advice);
    expect(result.status === 'deferred' && result.fatal).toContain(reply);
  });

  it('the same 5.1.0 at RCPT TO is still that recipient failing (and suppressed)', () => {
    const reply = '550 5.1.0 Address rejected';
    expect(classifySmtpError({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, response: reply }, false)).toEqual({
      status: 'failed',
      reason: reply,
      noSuchUser: true,
    });
  });

  it('a 4xx at MAIL FROM is a deferral to wait out, not a stop', () => {
    expect(classifySmtpError({ code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 451, response: '451 4.7.1 Try again later' }, false)).toEqual({
      status: 'deferred',
      reason: '451 4.7.1 Try again later',
      connectionFailure: false,
    });
  });
});

describe('classifyConnectError: before any recipient, a permanent refusal stops the run', () => {
  it('a 554 greeting', () => {
    const result = classifyConnectError({ code: 'EPROTOCOL', responseCode: 554, response: '554 5.7.1 No SMTP service here' });
    expect(result).toMatchObject({ status: 'deferred', connectionFailure: true, reason: 'the server refused the connection: 554 5.7.1 No SMTP service here' });
    expect(result.fatal).toMatch(/^the mail server refused this connection before any message \(554 5\.7\.1 No SMTP service here\).*snippet doctor/u);
  });

  it('a 421 greeting is still a busy server, tried again', () => {
    expect(classifyConnectError({ code: 'EPROTOCOL', responseCode: 421, response: '421 busy' })).toEqual({
      status: 'deferred',
      reason: '421 busy',
      connectionFailure: true,
    });
  });
});
