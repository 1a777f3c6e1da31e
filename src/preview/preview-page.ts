import { escapeHtml } from '../render/escape-html.js';
import { PREVIEW_SCRIPT } from './preview-script.js';
import { PREVIEW_STYLE } from './preview-style.js';
import type { PreviewUpdate } from './preview-update.js';

/**
 * Pure: the preview's page. It is complete as served (headers, problems,
 * plain text, the email frame), and its small script then keeps it current
 * from `/events`, swapping in the panels the server renders.
 */
export function previewPage(update: PreviewUpdate): string {
  const title = `snippet preview${update.issue ? ` · ${update.issue}` : ''}`;
  // `<` is escaped so that no text in the JSON can close the script element.
  const initial = JSON.stringify(update).replace(/</gu, '\\u003c');
  return `<!doctype html>
<html lang="en-GB" data-generation="${update.generation}" data-shown="${update.shown}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${PREVIEW_STYLE}</style>
</head>
<body>
<header class="bar">
  <h1>snippet preview <span id="issue">${escapeHtml(update.issue ?? '')}</span></h1>
  <div class="controls">
    <div role="group" aria-label="Width">
      <button type="button" data-width="desktop" aria-pressed="true">Desktop</button>
      <button type="button" data-width="phone" aria-pressed="false">Phone 375 px</button>
    </div>
    <div role="group" aria-label="Colours">
      <button type="button" data-scheme="light" aria-pressed="true">Light</button>
      <button type="button" data-scheme="dark" aria-pressed="false">Dark</button>
    </div>
  </div>
  <p id="status" role="status">${update.generation > 0 ? 'Live' : 'Rendering…'}</p>
</header>
<main>
  <section id="problems" aria-label="Problems">${update.panels.problems}</section>
  <section aria-labelledby="headers-title"><h2 id="headers-title">What the inbox shows</h2><div id="headers">${update.panels.headers}</div></section>
  <div class="views">
    <section class="html-view" aria-labelledby="html-title">
      <h2 id="html-title">HTML <span id="frame-size" class="size"></span></h2>
      <div class="frame-box" data-width="desktop">
        <iframe id="email" title="The email as a member sees it" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" src="${update.shown > 0 ? `email.html?g=${update.shown}&amp;scheme=light` : 'about:blank'}"></iframe>
      </div>
    </section>
    <section class="text-view" aria-labelledby="text-title">
      <h2 id="text-title">Plain text</h2>
      <pre id="text">${escapeHtml(update.text ?? '')}</pre>
    </section>
  </div>
</main>
<script type="application/json" id="initial">${initial}</script>
<script>${PREVIEW_SCRIPT}</script>
</body>
</html>
`;
}
