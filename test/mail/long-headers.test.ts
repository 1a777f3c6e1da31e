import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { prepareMessageBuilder } from '../../src/mail/message-builder.js';
import { config } from '../render/fixtures.js';

function build(subject: string, recipient: { email: string; name?: string }) {
  const rendered = { subject, html: '<html><body><p>Hi</p></body></html>', text: 'Hi\n' };
  return prepareMessageBuilder({
    config: config(),
    issueId: '2026-12',
    rendered,
    test: false,
    unsubscribeSecret: 'test-secret-value',
    now: () => new Date('2026-12-01T09:00:00Z'),
  })(recipient).raw;
}

const allHeaderLines = (raw: Buffer): string[] => raw.toString('utf8').split('\r\n\r\n')[0]!.split('\r\n');
/** Lines that can be folded: a signed unsubscribe URL, or the mailto with the member's token, is one token, which no fold may split (it stays under 998). */
const headerLines = (raw: Buffer): string[] => {
  const lines = allHeaderLines(raw);
  expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(998);
  return lines.filter((line) => !/^\s*<(?:https:\/\/|mailto:)\S+>,?$/u.test(line));
};

describe('long headers are folded', () => {
  it('a 5,000-character subject does not become one 5,001-character line: every header line fits in 78', async () => {
    const subject = 'x'.repeat(5000);
    const raw = build(subject, { email: 'anna@example.org' });
    const lines = headerLines(raw);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(78);
    expect((await simpleParser(raw)).subject).toBe(subject);
  });

  it('a subject with a very long word among ordinary ones and accents reads back exactly', async () => {
    const subject = `Snippet — ${'y'.repeat(200)} wörld and more words`;
    const raw = build(subject, { email: 'anna@example.org' });
    expect(Math.max(...headerLines(raw).map((line) => line.length))).toBeLessThanOrEqual(78);
    expect((await simpleParser(raw)).subject).toBe(subject);
  });

  it('a very long member name is folded too', async () => {
    const name = `Anna ${'z'.repeat(300)}`;
    const raw = build('Snippet', { email: 'anna@example.org', name });
    expect(Math.max(...headerLines(raw).map((line) => line.length))).toBeLessThanOrEqual(78);
    expect((await simpleParser(raw)).to).toMatchObject({ value: [{ address: 'anna@example.org', name }] });
  });

  it('an ordinary subject stays readable as it is', () => {
    const raw = build('GGC PMHN snippet — December 2026', { email: 'anna@example.org' });
    expect(headerLines(raw).find((line) => line.startsWith('Subject:'))).toMatch(/^Subject: GGC PMHN snippet =\?UTF-8\?Q\?=E2=80=94\?= December 2026$/u);
  });
});
