import { simpleParser, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { config as fixtureConfig } from '../render/fixtures.js';
import { prepareMessageBuilder } from '../../src/mail/message-builder.js';
import { verifyUnsubscribeToken } from '../../src/mail/unsubscribe-token.js';
import { readMessage } from '../../src/mailbox/read-message.js';
import { personalise } from '../../src/render/personalise.js';
import { placeholder } from '../../src/render/placeholders.js';

const config: Config = fixtureConfig({
  network: { name: 'Example Perinatal Network', shortName: 'EPN' },
  from: { name: 'Réseau Example', address: 'snippet@example.org' },
  replyTo: { address: 'coordinator@example.org' },
});

const longLine = `${'Perinatal mental health — ünïcödé = equals sign '.repeat(8)}end`;
const rendered = {
  subject: 'Snippet — Décembre 2026',
  html: `<html lang="en-GB"><body><p>${placeholder('greeting')}</p>\n<p>${longLine}</p>\n.\n<p>trailing space ${placeholder('name')} x</p>\n<a href="${placeholder('unsubscribe-url')}">Unsubscribe</a></body></html>`,
  text: `${placeholder('greeting')}\n\n${longLine}\n\nUnsubscribe: ${placeholder('unsubscribe-url')}\n`,
};
const secret = 'test-secret-value';

function builder(test = false) {
  return prepareMessageBuilder({ config, issueId: '2026-12', rendered, test, unsubscribeSecret: secret, now: () => new Date('2026-12-01T09:00:00Z') });
}

function rawHeader(parsed: ParsedMail, name: string): string {
  const line = parsed.headerLines.find((h) => h.key === name)?.line ?? '';
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/gu, ' ')
    .trim();
}

describe('prepareMessageBuilder', () => {
  it('builds a message whose decoded parts are exactly the personalised render', async () => {
    const recipient = { email: 'ciara@example.org', name: "Ciara O'Neill <b>", greetingName: "Ciara O'Neill <b>" };
    // mailparser structures List-* headers; read the raw line instead.
    const message = builder()(recipient);
    const parsed = await simpleParser(message.raw);
    const unsubscribe = /<(https:[^>]+)>/u.exec(rawHeader(parsed, 'list-unsubscribe'))?.[1] ?? '';
    const expected = personalise(rendered, { ...recipient, unsubscribeUrl: unsubscribe });
    // mailparser gives line ends back as LF.
    expect(parsed.html).toBe(expected.html);
    expect(parsed.text).toBe(expected.text);
    expect(expected.html).toContain('Dear Ciara O&#39;Neill &lt;b&gt;,');
    expect(parsed.subject).toBe('Snippet — Décembre 2026');
    expect(parsed.to).toMatchObject({ value: [{ address: 'ciara@example.org', name: "Ciara O'Neill <b>" }] });
    expect(parsed.from).toMatchObject({ value: [{ address: 'snippet@example.org', name: 'Réseau Example' }] });
    expect(parsed.replyTo).toMatchObject({ value: [{ address: 'coordinator@example.org' }] });
    expect(parsed.messageId).toBe(`<${message.messageId}>`);
    expect(message.envelope).toEqual({ from: 'snippet@example.org', to: 'ciara@example.org' });
  });

  it('carries a greeting wrapped over two lines exactly as personalised, with CRLF only', async () => {
    const recipient = { email: 'a@example.org', greetingName: 'Professor Siobhán Ní Bhriain-MacGillivray of the North West Health Visiting Team' };
    const message = builder()(recipient);
    expect(message.raw.toString('latin1')).not.toMatch(/[^\r]\n/u);
    const parsed = await simpleParser(message.raw);
    const expected = personalise(rendered, { ...recipient, unsubscribeUrl: message.unsubscribeUrl });
    expect(expected.text.split('\n')[1]).toBe('Visiting Team,');
    expect(parsed.text).toBe(expected.text);
  });

  it('keeps body lines within 76 characters, folds headers, and uses CRLF only', () => {
    const raw = builder()({ email: 'a@example.org', name: 'Zoë McIntyre-Longname '.repeat(4) }).raw.toString('latin1');
    expect(raw).not.toMatch(/[^\r]\n/u);
    const [head, ...body] = raw.split('\r\n\r\n');
    for (const line of body.join('\r\n\r\n').split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    // A folded header continues on a line that starts with white space.
    for (const line of head!.split('\r\n')) expect(line).toMatch(/^([A-Za-z-]+:( |$)|[ \t])/u);
    for (const line of head!.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
  });

  it('signs the one-click link for the recipient and offers List-Unsubscribe-Post', async () => {
    const parsed = await simpleParser(builder()({ email: 'Ann@Example.org' }).raw);
    const header = rawHeader(parsed, 'list-unsubscribe');
    const url = new URL(/<(https:[^>]+)>/u.exec(header)![1]!);
    expect(verifyUnsubscribeToken(secret, url.searchParams.get('e')!, url.searchParams.get('t')!)).toBe(true);
    expect(verifyUnsubscribeToken('another-secret', url.searchParams.get('e')!, url.searchParams.get('t')!)).toBe(false);
    expect(header).toContain('mailto:unsubscribe@example.org');
    expect(rawHeader(parsed, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(parsed.html).toContain(url.toString().replace(/&/gu, '&amp;'));
    expect(rawHeader(parsed, 'list-id')).toBe('EPN <epn.example.org>');
  });

  it('puts the member’s own token in the mailto subject, which `snippet mailbox` reads back and verifies', () => {
    const message = builder()({ email: 'ann@example.org' });
    const mailto = new URL(/<(mailto:[^>]+)>/u.exec(message.listUnsubscribe)![1]!);
    const subject = mailto.searchParams.get('subject')!;
    expect(subject).toMatch(/^unsubscribe ann@example\.org [A-Za-z0-9_-]{32}$/u);
    const request = readMessage(['From: ann@example.org', `To: ${mailto.pathname}`, `Subject: ${subject}`, '', ''].join('\r\n'), {
      unsubscribeAddresses: new Set(['unsubscribe@example.org']),
    });
    expect(request.kind).toBe('unsubscribe');
    expect(verifyUnsubscribeToken(secret, request.unsubscribe!.address, request.unsubscribe!.token!)).toBe(true);
    expect(verifyUnsubscribeToken(secret, 'someone.else@example.org', request.unsubscribe!.token!)).toBe(false);
  });

  it('offers only the mailto address when no https unsubscribe URL is configured', async () => {
    const mailtoOnly = prepareMessageBuilder({
      config: { ...config, unsubscribe: { mailto: 'unsubscribe@example.org' } },
      issueId: '2026-12',
      rendered,
      test: false,
      unsubscribeSecret: undefined,
      now: () => new Date(),
    });
    const parsed = await simpleParser(mailtoOnly({ email: 'a@example.org' }).raw);
    expect(rawHeader(parsed, 'list-unsubscribe')).not.toContain('https:');
    expect(rawHeader(parsed, 'list-unsubscribe-post')).toBe('');
  });

  it('gives a stable Message-ID per issue and recipient, and another for test sends', () => {
    const one = builder()({ email: 'a@example.org' }).messageId;
    expect(builder()({ email: 'A@example.org ' }).messageId).toBe(one);
    expect(builder()({ email: 'b@example.org' }).messageId).not.toBe(one);
    expect(builder(true)({ email: 'a@example.org' }).messageId).not.toBe(one);
  });

  it('prefixes test subjects', async () => {
    expect((await simpleParser(builder(true)({ email: 'a@example.org' }).raw)).subject).toBe('[TEST] Snippet — Décembre 2026');
  });

  it('cannot be made to inject headers through a name', () => {
    const raw = builder()({ email: 'a@example.org', name: 'Eve\r\nBcc: everyone@example.org' }).raw.toString('latin1');
    expect(raw).not.toMatch(/^Bcc:/mu);
  });

  it('uses punycode for an international domain in the envelope and headers', () => {
    const message = builder()({ email: 'siobhan@bücher.example' });
    expect(message.envelope.to).toBe('siobhan@xn--bcher-kva.example');
    expect(message.raw.toString('latin1')).toMatch(/^To: siobhan@xn--bcher-kva\.example$/mu);
  });
});
