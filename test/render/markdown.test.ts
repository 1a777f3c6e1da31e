import { describe, expect, it } from 'vitest';
import { markdownToHtml, markdownToText } from '../../src/render/markdown.js';

describe('markdownToHtml', () => {
  it('escapes raw HTML instead of passing it through', () => {
    const html = markdownToHtml('Hello <script>alert(1)</script> and <img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script/iu);
    expect(html).not.toMatch(/<img/iu);
    expect(html).toContain('&lt;script&gt;');
  });

  it('does not make javascript: or data: links', () => {
    const html = markdownToHtml('[a](javascript:alert(1)) [b](data:text/html,hi) [c](JAVASCRIPT:x) [d](vbscript:x)');
    expect(html).not.toMatch(/<a /u);
    expect(html).not.toMatch(/href/u);
  });

  it('keeps http, https and mailto links, with no target', () => {
    const html = markdownToHtml('[site](https://example.org) and [mail](mailto:a@example.org) and http://example.net');
    expect(html).toContain('<a href="https://example.org">site</a>');
    expect(html).toContain('<a href="mailto:a@example.org">mail</a>');
    expect(html).toContain('<a href="http://example.net">http://example.net</a>');
    expect(html).not.toContain('target=');
  });

  it('linkifies bare addresses and uses typographic quotes', () => {
    expect(markdownToHtml('See https://www.example.org or email info@example.org, "quoted"')).toMatch(
      /href="https:\/\/www\.example\.org".*href="mailto:info@example\.org".*“quoted”/u,
    );
  });

  it('shows Markdown images as links, never as images without alt text', () => {
    const html = markdownToHtml('![](https://example.org/pixel.gif)');
    expect(html).not.toMatch(/<img/u);
  });
});

describe('markdownToText', () => {
  it('writes links as "text (url)"', () => {
    expect(markdownToText('Read [the report](https://example.org/report).')).toBe('Read the report (https://example.org/report).');
  });

  it('does not repeat a bare URL', () => {
    expect(markdownToText('See https://example.org')).toBe('See https://example.org');
  });

  it('wraps at 78 columns and keeps lists readable', () => {
    const text = markdownToText(`${'word '.repeat(30)}\n\n- one\n- two`);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(text).toContain(' - one\n - two');
  });

  it('prints raw HTML as text, not as markup', () => {
    expect(markdownToText('<b>bold</b>')).toBe('<b>bold</b>');
  });
});
