import { escapeHtml } from '../render/escape-html.js';

/** A page the preview could not show, as a whole HTML page: a title for the tab, the language for screen readers, a way back. */
export function notFoundPage(message: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not found: snippet preview</title>
</head>
<body>
<main>
<h1>Not found</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/">Back to the preview</a></p>
</main>
</body>
</html>
`;
}
