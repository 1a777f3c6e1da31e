import { describe, expect, it } from 'vitest';
import { normaliseLink } from '../../src/submissions/normalise-link.js';

describe('normaliseLink', () => {
  it('sees one page in the ways it gets shared: scheme, www., fragment, trailing slashes and tracking go', () => {
    const forms = [
      'https://www.example.org/course/?utm_source=newsletter&utm_medium=email#book',
      'http://example.org/course',
      'https://EXAMPLE.org/course//',
      'https://example.org/course?fbclid=abc&gclid=1&dclid=2&msclkid=3&mc_cid=4&mc_eid=5&_ga=6&ocid=7',
    ];
    for (const link of forms) expect(normaliseLink(link), link).toBe('example.org/course');
  });

  it('keeps the port: two events on different ports of one host are two events (regression: the port was dropped)', () => {
    expect(normaliseLink('https://events.example.org:8443/day')).toBe('events.example.org:8443/day');
    expect(normaliseLink('https://events.example.org:8443/day')).not.toBe(normaliseLink('https://events.example.org/day'));
  });

  it('keeps the query that picks the page, in one order: two events of one booking page are two events (regression: the query was dropped)', () => {
    expect(normaliseLink('https://example.org/book?id=2&area=west')).toBe('example.org/book?area=west&id=2');
    expect(normaliseLink('https://example.org/book?area=west&id=2&utm_campaign=x')).toBe('example.org/book?area=west&id=2');
    expect(normaliseLink('https://example.org/book?id=1')).not.toBe(normaliseLink('https://example.org/book?id=2'));
  });

  it('drops only whole tracking names: a parameter that merely ends like one stays', () => {
    expect(normaliseLink('https://example.org/list?topic_ga=1&not_fbclid=2')).toBe('example.org/list?not_fbclid=2&topic_ga=1');
  });

  it('drops www. only at the start of the host', () => {
    expect(normaliseLink('https://shop.www.example.org/')).toBe('shop.www.example.org');
  });

  it('keeps a link it cannot read as a URL, trimmed and in lower case', () => {
    expect(normaliseLink('  Example.org/Course  ')).toBe('example.org/course');
  });
});
