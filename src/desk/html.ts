/** Text for HTML, in an element or an attribute in double quotes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A field's name as an element id: `research.2.url` → `research-2-url`. */
export function fieldId(field: string): string {
  return field.replace(/[^A-Za-z0-9_-]/gu, '-');
}

/** The desk's page around `body`: one stylesheet and one script, both its own. */
export function deskPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · snippet desk</title>
<link rel="stylesheet" href="/desk.css">
<script src="/desk.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="top"><nav aria-label="Desk"><a href="/">Issues</a> <a href="/organisations">Organisations</a> <a href="/members">Members</a></nav></header>
<main id="main">
${body}
</main>
</body>
</html>
`;
}

/** A page that only says something (a refusal, a request too large). */
export function messagePage(title: string, message: string, back = true): string {
  return deskPage(
    title,
    `<h1>${escapeHtml(title)}</h1>\n<p class="message">${escapeHtml(message)}</p>${back ? '\n<p><a href="/">Back to the issues</a></p>' : ''}`,
  );
}
