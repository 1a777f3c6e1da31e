import { describe, expect, it } from 'vitest';
import { BREAKS_ENVELOPE, wireAddress } from '../../src/smtp/wire-address.js';

describe('an address that would break the SMTP envelope (doctor and send refuse it before MAIL FROM or RCPT TO)', () => {
  it('is one with a line break, < or > anywhere in it', () => {
    for (const address of [
      'a@example.org\r\nRCPT TO:<b@example.org>',
      'a@example.org\n',
      '\ra@example.org',
      'a<b@example.org',
      'a@example.org>',
      '<a@example.org>',
    ]) {
      for (const smtputf8 of [true, false]) expect(wireAddress(address, smtputf8), JSON.stringify(address)).toEqual({ problem: BREAKS_ENVELOPE });
    }
  });

  it('is never an ordinary address, one beyond ASCII, or one with a display-name character such as a space or quote', () => {
    for (const address of ['a@example.org', 'máire@example.org', 'a@bücher.example', '"a b"@example.org', 'a+tag@example.org']) {
      expect(wireAddress(address, true), address).toEqual({ address, utf8: /[^\x20-\x7e]/u.test(address) });
    }
  });
});
