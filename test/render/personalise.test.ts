import { describe, expect, it } from 'vitest';
import { personalise, preparePersonalisation } from '../../src/render/personalise.js';
import { placeholder } from '../../src/render/placeholders.js';
import { render } from './fixtures.js';

const ann = { name: 'Ann Example', greetingName: 'Ann', email: 'ann@example.org', unsubscribeUrl: 'https://example.org/unsubscribe?t=abc&e=1' };

describe('personalise', () => {
  it('greets the member by greeting name, or says "Dear colleague," without one', async () => {
    const rendered = await render();
    expect(personalise(rendered, ann).html).toContain('Dear Ann,');
    expect(personalise(rendered, ann).text).toContain('Dear Ann,');
    const anonymous = personalise(rendered, { email: 'x@example.org', unsubscribeUrl: 'https://example.org/u' });
    expect(anonymous.html).toContain('Dear colleague,');
    expect(anonymous.text).toMatch(/^Dear colleague,$/mu);
  });

  it('puts the unsubscribe link in the footer of both parts, escaped in the html', async () => {
    const parts = personalise(await render(), ann);
    expect(parts.html).toContain('href="https://example.org/unsubscribe?t=abc&amp;e=1"');
    expect(parts.text).toContain('To unsubscribe, open this link:\nhttps://example.org/unsubscribe?t=abc&e=1\n');
  });

  it('HTML-escapes the name in the html part only', async () => {
    const parts = personalise(await render(), { ...ann, greetingName: 'Ann <b>"Bold"</b> & Co' });
    expect(parts.html).toContain('Dear Ann &lt;b&gt;&quot;Bold&quot;&lt;/b&gt; &amp; Co,');
    expect(parts.html).not.toContain('<b>"Bold"');
    expect(parts.text).toContain('Dear Ann <b>"Bold"</b> & Co,');
  });

  it('prints {{name}} in a summary literally in both parts', async () => {
    const rendered = await render({
      research: [{ title: 'Hi {{name}}', url: 'https://example.org/r', summary: 'Dear {{name}}, {{{email}}} and {{recipient.name}}' }],
    });
    const parts = personalise(rendered, ann);
    for (const part of [parts.html, parts.text]) {
      expect(part).toContain('Hi {{name}}');
      expect(part).toContain('Dear {{name}}, {{{email}}} and {{recipient.name}}');
    }
  });

  it('never substitutes a placeholder token written in member content', async () => {
    const token = placeholder('unsubscribe-url');
    const rendered = await render({
      intro: `Click ${token} now, ${placeholder('name')}`,
      training: [{ title: `Course ${placeholder('email')}`, url: 'https://example.org/t', summary: `&#xE000;snippet:name&#xE001; ${token}` }],
    });
    const parts = personalise(rendered, ann);
    for (const part of [parts.html, parts.text]) {
      expect(part).toContain('Click snippet:unsubscribe-url now, snippet:name');
      expect(part).toContain('Course snippet:email');
      expect(part).not.toContain('Click https://example.org/unsubscribe');
      expect(part).not.toMatch(/Course ann@example\.org/u);
      expect(part).not.toMatch(/[\uE000\uE001]/u);
    }
  });

  it('leaves no token behind', async () => {
    const parts = personalise(await render(), ann);
    expect(parts.html).not.toMatch(/[\uE000\uE001]/u);
    expect(parts.text).not.toMatch(/[\uE000\uE001]/u);
  });

  it('is cheap per recipient once prepared', async () => {
    const fill = preparePersonalisation(await render());
    const started = performance.now();
    for (let i = 0; i < 10_000; i += 1) fill({ name: `Member ${i}`, email: `m${i}@example.org`, unsubscribeUrl: `https://example.org/u/${i}` });
    // Generous: about 10 µs each on a laptop; the bound only catches re-rendering or re-scanning.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
