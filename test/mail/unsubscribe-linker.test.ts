import { describe, expect, it } from 'vitest';
import { unsubscribeLinker, unsubscribeToken, unsubscribeUrl } from '../../src/mail/unsubscribe-token.js';

const SECRET = 'unsubscribe-secret-for-tests-0123456789';

const addresses = [
  'member@example.org',
  'Mixed.Case+tag@Example.ORG',
  "o'brien!~(x)*@example.org",
  'with space@example.org',
  'josé@exämple.org',
  '用户@例子.广告',
  'percent%41@example.org',
  'amp&eq=@example.org',
];

const bases = [
  'https://example.org/unsubscribe',
  'https://example.org/unsubscribe?list=news&x=a b',
  'https://example.org/u?t=old&e=old&keep=1',
  'https://example.org/u?e=1&t=2#section',
  'https://Example.ORG:8443/päth/?q=%7E~',
  'https://example.org/u?e=snippetE0mark',
];

describe("unsubscribeLinker (one send's links, the base parsed once)", () => {
  it.each(bases)('gives the same link and token as unsubscribeUrl for every address, with base %s', (base) => {
    const link = unsubscribeLinker(base, SECRET);
    for (const email of addresses) {
      expect(link(email), email).toEqual({ url: unsubscribeUrl(base, SECRET, email), token: unsubscribeToken(SECRET, email) });
    }
  });

  it('repairs a lone surrogate as unsubscribeUrl does', () => {
    const email = 'bad\ud800@example.org';
    expect(unsubscribeLinker(bases[0]!, SECRET)(email).url).toBe(unsubscribeUrl(bases[0]!, SECRET, email));
  });
});
