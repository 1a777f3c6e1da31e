import { describe, expect, it } from 'vitest';
import { redact, registerSecret } from '../../src/config/redact.js';
import { registerSignIn } from '../../src/config/known-secrets.js';

describe('redact (regression: a client secret with ~ was shown URL-encoded)', () => {
  // Azure client secrets hold ~, . and _; this one also a space, + and / to test every encoding.
  const secret = 'Xy8Q~aB3.cD_e/f+g h~ijKLmn';
  registerSecret(secret);

  it.each([
    ['as typed', secret],
    ['percent-encoded (encodeURIComponent)', encodeURIComponent(secret)],
    ['form-encoded (a token request body)', new URLSearchParams({ s: secret }).toString().slice(2)],
    ['with every reserved character encoded, lower-case hex', 'Xy8Q%7eaB3.cD_e%2ff%2bg%20h%7eijKLmn'],
    ['with every reserved character encoded, upper-case hex', 'Xy8Q%7EaB3.cD_e%2Ff%2Bg%20h%7EijKLmn'],
    ['escaped in JSON', JSON.stringify(secret).slice(1, -1)],
  ])('masks the secret %s', (_how, form) => {
    const masked = redact(`error: body client_secret=${form}&scope=x`);
    expect(masked).toBe('error: body client_secret=***&scope=x');
  });
});

describe('redact: what a sign-in sends (regression: a 535 echoing AUTH PLAIN showed the base64 password)', () => {
  // `\0user\0` is 24 bytes here, so the password's own base64 is the tail of AUTH PLAIN's: the longer form must go first.
  const user = 'newsletter@example.org';
  const password = 'Tail-aligned-pass-0042';
  registerSignIn(user, { password });

  it.each([
    ['AUTH PLAIN', Buffer.from(`\0${user}\0${password}`).toString('base64')],
    ['AUTH PLAIN with the user as authorisation identity', Buffer.from(`${user}\0${user}\0${password}`).toString('base64')],
    ['AUTH LOGIN', Buffer.from(password).toString('base64')],
  ])('masks %s whole', (_how, form) => {
    expect(redact(`535 5.7.8 failed: ${form} end`)).toBe('535 5.7.8 failed: *** end');
  });

  it('masks an XOAUTH2 string and its token', () => {
    const token = 'opaque.token-value_123';
    registerSignIn(user, { token });
    const xoauth2 = Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`).toString('base64');
    expect(redact(`535 ${xoauth2} / ${token}`)).toBe('535 *** / ***');
  });
});
