import { describe, expect, it } from 'vitest';
import { redact, registerSecret } from '../../src/cli/redact.js';

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
