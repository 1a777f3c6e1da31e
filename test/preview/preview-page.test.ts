import { describe, expect, it } from 'vitest';
import { emailForFrame } from '../../src/preview/email-for-frame.js';
import { previewPage } from '../../src/preview/preview-page.js';
import { applyRender, INITIAL_STATE, type PreviewRender } from '../../src/preview/preview-state.js';
import { previewUpdate } from '../../src/preview/preview-update.js';

const good: PreviewRender = {
  issue: '2026-12',
  message: {
    headers: {
      subject: 'December <b>news</b>',
      preheader: 'Three calls',
      from: '"Net" <net@example.org>',
      replyTo: undefined,
      to: 'ann@example.org',
      listUnsubscribe: '<mailto:u@example.org>',
    },
    html: '<html><head><title>x</title></head><body>hi</body></html>',
    text: 'Hello </script> text',
  },
  problems: [],
  error: undefined,
  ms: 5,
};
const broken: PreviewRender = {
  issue: '2026-12',
  message: undefined,
  problems: [{ severity: 'error', file: 'issues/2026-12.md', line: 14, message: 'YAML syntax: <oops>', hint: 'Check the indentation.' }],
  error: undefined,
  ms: 5,
};

describe('previewPage', () => {
  it('shows the headers a member sees, escaped, and the plain text', () => {
    const page = previewPage(previewUpdate(applyRender(INITIAL_STATE, 1, good)));
    expect(page).toContain('December &lt;b&gt;news&lt;/b&gt;');
    expect(page).toContain('&lt;mailto:u@example.org&gt;');
    expect(page).toMatch(/Reply-To<\/th><td><span class="none">\(none\)/u);
    expect(page).toContain('Hello &lt;/script&gt; text');
    expect(page).toContain('src="email.html?g=1&amp;scheme=light"');
    // The embedded state cannot end its script element early.
    expect(page.match(/<\/script>/gu)).toHaveLength(2);
  });

  it('lists problems as file:line and says the last good version is shown', () => {
    const state = applyRender(applyRender(INITIAL_STATE, 1, good), 2, broken);
    const update = previewUpdate(state);
    expect(update).toMatchObject({ generation: 2, shown: 1, stale: true, subject: 'December <b>news</b>' });
    expect(update.panels.problems).toContain('<code class="where">issues/2026-12.md:14</code>');
    expect(update.panels.problems).toContain('YAML syntax: &lt;oops&gt;');
    expect(update.panels.problems).toContain('Showing the last good version: the files have 1 error.');
  });

  it('says there is nothing to show when the first render fails', () => {
    const update = previewUpdate(applyRender(INITIAL_STATE, 1, broken));
    expect(update).toMatchObject({ shown: 0, stale: false, headers: undefined });
    expect(update.panels.problems).toContain('Nothing to show yet: the files have 1 error.');
  });
});

describe('emailForFrame', () => {
  const html =
    '<html><head><meta name="color-scheme" content="light dark"><style>@media (prefers-color-scheme: dark) { .a { color: white } } @media (prefers-color-scheme:light) { .b {} }</style></head><body></body></html>';

  it('switches the dark styles on for the dark view, whatever the viewer prefers', () => {
    const dark = emailForFrame(html, 'dark');
    expect(dark).toContain('@media (min-width: 0px) { .a');
    expect(dark).toContain('@media (max-width: 0px) and (min-width: 1px) { .b');
    expect(dark).toContain('content="dark"');
  });

  it('switches them off for the light view, and opens links outside the frame', () => {
    const light = emailForFrame(html, 'light');
    expect(light).toContain('@media (max-width: 0px) and (min-width: 1px) { .a');
    expect(light).toContain('<head><base target="_blank">');
    expect(light).toContain('content="light"');
  });
});
