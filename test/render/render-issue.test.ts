import { describe, expect, it } from 'vitest';
import { buildIssueView } from '../../src/render/build-issue-view.js';
import type { FundingItem } from '../../src/issue/issue.js';
import { config, issue, organisations, render, SEND_AT } from './fixtures.js';

const url = 'https://example.org/item';
const fund = (title: string, deadline: string): FundingItem => ({ title, url, deadline });

describe('renderIssue', () => {
  it('writes lang, title and preheader', async () => {
    const { html, subject, preheader } = await render();
    expect(html).toMatch(/<html lang="en-GB"/u);
    expect(html).toContain('<title>The snippet, December 2026</title>');
    expect(subject).toBe('The snippet, December 2026');
    expect(preheader).toBe('Research, training and funding for December');
    expect(html).toMatch(/<div style="display:none[^>]*>Research, training and funding for December/u);
  });

  it('takes lang from the config', async () => {
    expect((await render({}, { language: 'cy-GB' })).html).toMatch(/<html lang="cy-GB"/u);
  });

  it('falls back to the intro for a missing preheader', async () => {
    const { preheader } = await render({ preheader: undefined, intro: 'A **short** welcome.' });
    expect(preheader).toBe('A short welcome.');
  });

  it('declares light and dark colour schemes', async () => {
    const { html } = await render();
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toContain('prefers-color-scheme: dark');
  });

  it('gives every image a non-empty alt', async () => {
    const { html } = await render(
      {},
      { network: { name: 'N', shortName: 'N', logo: { url: 'https://example.org/logo.png', alt: 'Network logo', width: 120 } } },
    );
    const images = html.match(/<img\b[^>]*>/gu) ?? [];
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(/\balt="[^"]+"/u);
  });

  it('omits empty sections in both parts', async () => {
    const { html, text } = await render({ research: [{ title: 'Only research', url }] });
    expect(html).toContain('>Research</h2>');
    expect(html).not.toContain('Training and events');
    expect(html).not.toContain('Funding opportunities');
    expect(html).not.toContain('Service spotlight');
    expect(text).toContain('RESEARCH\n========');
    expect(text).not.toContain('TRAINING');
    expect(text).not.toContain('FUNDING');
    expect(text).not.toContain('SPOTLIGHT');
  });

  it('shows the spotlight profile with the issue note', async () => {
    const { html, text } = await render({ spotlight: 'home-start', spotlightNote: 'New group in **January**.' });
    expect(html).toContain('Service spotlight: Home-Start Example');
    expect(html).toContain('New group in <strong>January</strong>.');
    expect(html).toMatch(/<a href="mailto:hello@example\.org"[^>]*>hello@example\.org<\/a>/u);
    expect(text).toContain('SERVICE SPOTLIGHT: HOME-START EXAMPLE');
    expect(text).toContain('Areas: Glasgow, Renfrewshire');
  });

  it('marks carried-forward items and names member organisations', async () => {
    const { html, text } = await render({ training: [{ title: 'Course', url, carriedFrom: '2026-11', organisation: 'home-start' }] });
    // In the HTML on the line of facts: a line of its own made the item taller on a phone.
    expect(html).toMatch(/<p class="meta"[^>]*>From Home-Start Example&nbsp;· <span class="carried"[^>]*>first shared in November 2026<\/span><\/p>/u);
    // The plain text says it as the HTML does, on the same line (regression: "(First shared in the November 2026 snippet.)" after the summary).
    expect(text).toContain('Course\n------\nhttps://example.org/item\nFrom Home-Start Example · first shared in November 2026\n');
    expect(text).not.toMatch(/snippet\.\)/u);
  });

  it('warns about an unknown organisation rather than failing', async () => {
    const { problems } = await render({ research: [{ title: 'R', url, organisation: 'nobody' }], spotlight: 'nobody-either' });
    expect(problems.map((p) => p.severity)).toEqual(['warning', 'warning']);
  });

  it('escapes titles and never lets member HTML through', async () => {
    const { html } = await render({
      intro: '<script>alert(1)</script>',
      research: [{ title: '<script>x</script> & co', url, summary: '[x](javascript:alert(1)) <iframe src="https://evil.example">' }],
    });
    expect(html).not.toMatch(/<script|<iframe|href="javascript:/iu);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt; &amp; co');
  });

  it('writes dates for people: in full, and short in the line of facts under a title', async () => {
    const { text } = await render({ training: [{ title: 'Course', url, date: '2026-12-15', deadline: '2026-12-08' }] });
    expect(text).toContain('Tue 15 Dec 2026 · Book by Tue 8 Dec 2026');
    expect(text).toContain('Tuesday 8 December\n  Booking closes (training on Tuesday 15 December): Course');
  });

  it('writes a carried item without a line of facts as a line of its own', async () => {
    const { html, text } = await render({ news: [{ title: 'News', carriedFrom: '2026-11', summary: 'Summary.' }] });
    expect(html).toMatch(/<p class="meta carried"[^>]*>First shared in November 2026<\/p>/u);
    expect(text).toContain('News\n----\nFirst shared in November 2026\n\nSummary.\n');
  });

  it('wraps the plain text at 78 columns, except unbreakable words', async () => {
    const { text } = await render({
      research: [{ title: `A very long title ${'that goes on '.repeat(10)}`, url: `https://example.org/${'x'.repeat(90)}`, summary: 'word '.repeat(60) }],
    });
    for (const line of text.split('\n')) {
      if (!line.includes('https://')) expect(line.length).toBeLessThanOrEqual(78);
    }
  });

  it("stays under Gmail's 102 KB clipping size for a realistic issue", async () => {
    const summary =
      'A two or three sentence summary of the item, with a [link](https://example.org/more) and some **emphasis**, written by the coordinator for busy practitioners. '.repeat(
        3,
      );
    const items = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        title: `Item ${i}: a reasonably descriptive title of some length`,
        url: `https://example.org/item/${i}`,
        summary,
        organisation: 'home-start',
      }));
    const { html } = await render({
      intro: 'Welcome. '.repeat(80),
      research: items(8).map((item, i) => ({ ...item, source: 'Journal of Perinatal Health', published: `2026-11-${String(i + 1).padStart(2, '0')}` })),
      training: items(8).map((item, i) => ({ ...item, date: `2027-01-${String(i + 10)}`, location: 'Online', cost: 'Free', deadline: '2026-12-20' })),
      funding: items(6).map((item, i) => ({ ...item, funder: 'A trust', amount: 'Up to £5,000', deadline: `2026-12-${String(i + 10)}` })),
      spotlight: 'home-start',
      spotlightNote: summary,
    });
    expect(Buffer.byteLength(html)).toBeLessThan(102 * 1024);
  });
});

describe('buildIssueView', () => {
  const view = (overrides: Parameters<typeof issue>[0], sendAt = SEND_AT, timeZone = 'Europe/London') =>
    buildIssueView({ issue: issue(overrides), config: config({ timeZone }), organisations, sendAt }).view;

  it('sorts training by date, then booking deadline, undated last', () => {
    const { training } = view({
      training: [
        { title: 'undated', url },
        { title: 'jan-late-deadline', url, date: '2027-01-10', deadline: '2026-12-20' },
        { title: 'dec', url, date: '2026-12-09' },
        { title: 'jan-early-deadline', url, date: '2027-01-10', deadline: '2026-12-10' },
      ],
    });
    expect(training.map((t) => t.title)).toEqual(['dec', 'jan-early-deadline', 'jan-late-deadline', 'undated']);
  });

  it('sorts funding by deadline', () => {
    const { funding } = view({ funding: [fund('feb', '2027-02-01'), fund('dec', '2026-12-20'), fund('jan', '2027-01-05')] });
    expect(funding.map((f) => f.title)).toEqual(['dec', 'jan', 'feb']);
  });

  it('sorts research newest first, undated last', () => {
    const { research } = view({
      research: [
        { title: 'undated', url },
        { title: 'oct', url, published: '2026-10-20' },
        { title: 'nov', url, published: '2026-11-17' },
      ],
    });
    expect(research.map((r) => r.title)).toEqual(['nov', 'oct', 'undated']);
  });

  it('flags funding closing within 14 days of sending, and no other', () => {
    // Sent Tuesday 1 December 2026.
    const { funding } = view({
      funding: [fund('same day', '2026-12-01'), fund('14 days', '2026-12-15'), fund('15 days', '2026-12-16'), fund('passed', '2026-11-30')],
    });
    expect(Object.fromEntries(funding.map((f) => [f.title, f.closingSoon]))).toEqual({ passed: false, 'same day': true, '14 days': true, '15 days': false });
  });

  it('counts the 14 days from the send date in the configured time zone', () => {
    // 12:00 UTC on 30 November is already 1 December in Auckland.
    const sendAt = new Date('2026-11-30T12:00:00Z');
    const item = [fund('due', '2026-12-15')];
    expect(view({ funding: item }, sendAt, 'Pacific/Auckland').funding[0]?.closingSoon).toBe(true);
    expect(view({ funding: item }, sendAt, 'Europe/London').funding[0]?.closingSoon).toBe(false);
  });

  it('shows the badge exactly on the items flagged closing soon', async () => {
    const { html, text } = await render({ funding: [fund('Soon', '2026-12-10'), fund('Later', '2027-01-10')] });
    // Once on the item, once in "Key dates".
    expect(html.match(/class="badge"/gu)).toHaveLength(2);
    expect(html).toMatch(/<h3[^>]*><span class="badge"[^>]*>Closing soon<\/span> <a[^>]*>Soon<\/a>/u);
    expect(text).toMatch(/\[CLOSING SOON\] Soon\n-+\n/u);
    expect(text.match(/CLOSING SOON/gu)).toHaveLength(2);
  });
});
