import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addressKey } from '../../src/contacts/member.js';
import { outboxFileName } from '../../src/smtp/outbox-file-name.js';
import { verifyUnsubscribeToken } from '../../src/mail/unsubscribe-token.js';

describe('addressKey', () => {
  it('gives both spellings of an international domain one key, in Unicode (regression: two members, two messages)', () => {
    expect(addressKey('anna@xn--bcher-kva.example')).toBe('anna@bücher.example');
    expect(addressKey(' Anna@BÜCHER.example ')).toBe('anna@bücher.example');
    expect(addressKey('Jamie@Example.NET')).toBe('jamie@example.net');
    expect(addressKey('not an address')).toBe('not an address');
  });

  it('still accepts an unsubscribe link signed over the address as it was keyed before', () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters';
    const before = createHmac('sha256', secret).update('unsubscribe\0anna@xn--bcher-kva.example').digest('base64url').slice(0, 32);
    expect(verifyUnsubscribeToken(secret, 'anna@xn--bcher-kva.example', before)).toBe(true);
    expect(verifyUnsubscribeToken(secret, 'bob@xn--bcher-kva.example', before)).toBe(false);
  });
});

describe('outboxFileName', () => {
  it('names one file per mailbox and never one file for two', () => {
    expect(outboxFileName('anna@bücher.example')).toBe(outboxFileName('anna@xn--bcher-kva.example'));
    const names = ['anna@bücher.example', 'anna@bächer.example', 'annaé@example.org', 'anna_@example.org', 'anna%C3%A9@example.org'].map(outboxFileName);
    expect(new Set(names).size).toBe(names.length);
  });
});
