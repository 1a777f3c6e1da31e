export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type PageKind =
  | { kind: 'confirm'; email: string; query: string }
  | { kind: 'done'; email: string }
  | { kind: 'invalid' }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed' }
  | { kind: 'too-many'; retryAfterSeconds: number }
  | { kind: 'too-large' }
  | { kind: 'unavailable' };

const HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  // The link carries a token: keep it out of caches and other sites' logs.
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

/** Pure: the page for an outcome. Plain HTML, no JavaScript, one button. */
export function unsubscribePage(page: PageKind, networkName: string): HttpResponse {
  switch (page.kind) {
    case 'confirm':
      return html(
        200,
        `Unsubscribe from ${networkName}`,
        `
<p>Unsubscribe <strong>${escape(page.email)}</strong> from the snippet of ${escape(networkName)}?</p>
<form method="post" action="${escape(page.query)}">
  <input type="hidden" name="confirm" value="unsubscribe">
  <button type="submit">Unsubscribe</button>
</form>
<p class="small">If you did not mean to open this page, close it: nothing changes until you press the button.</p>`,
        networkName,
      );
    case 'done':
      return html(
        200,
        'You are unsubscribed',
        `
<p><strong>${escape(page.email)}</strong> will not get the snippet of ${escape(networkName)} again.</p>
<p class="small">If this was a mistake, reply to any snippet and the coordinator will add you back.</p>`,
        networkName,
      );
    case 'invalid':
      return html(
        400,
        'This link does not work',
        `
<p>This unsubscribe link is incomplete or has been changed.</p>
<p class="small">Use the unsubscribe link at the foot of the snippet, or reply to the snippet and ask to be taken off the list.</p>`,
        networkName,
      );
    case 'not-found':
      return html(404, 'Not found', '<p>There is nothing here.</p>', networkName);
    case 'method-not-allowed':
      return { ...html(405, 'Not allowed', '<p>This page only answers GET and POST.</p>', networkName), headers: { ...HEADERS, Allow: 'GET, HEAD, POST' } };
    case 'too-many':
      return {
        ...html(429, 'Too many requests', '<p>Too many requests from your address. Please try again in a minute.</p>', networkName),
        headers: { ...HEADERS, 'Retry-After': String(page.retryAfterSeconds) },
      };
    case 'too-large':
      return html(413, 'Request too large', '<p>The request was too large.</p>', networkName);
    case 'unavailable':
      return {
        ...html(503, 'Please try again', '<p>Your request could not be saved just now. Please try again in a few minutes.</p>', networkName),
        headers: { ...HEADERS, 'Retry-After': '120' },
      };
  }
}

function html(status: number, title: string, main: string, networkName: string): HttpResponse {
  const body = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#222}button{font-size:1.1rem;padding:.6rem 1.4rem;border-radius:.4rem;border:1px solid #1d4e89;background:#1d4e89;color:#fff;cursor:pointer}.small{font-size:.9rem;color:#555}@media (prefers-color-scheme:dark){body{background:#111;color:#eee}.small{color:#bbb}}</style>
</head>
<body>
<h1>${escape(title)}</h1>
${main.trim()}
<p class="small">${escape(networkName)}</p>
</body>
</html>
`;
  return { status, headers: { ...HEADERS }, body };
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(text: string): string {
  return text.replace(/[&<>"']/gu, (char) => ENTITIES[char]!);
}
