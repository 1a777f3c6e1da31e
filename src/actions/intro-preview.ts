import { markdownToHtml } from '../render/markdown.js';

/**
 * The introduction's Markdown as the email shows it: the email's own
 * renderer, so no raw HTML and only http, https and mailto links. Safe to
 * put in the desk's page as it is.
 */
export function introPreview(markdown: string): string {
  return markdown.trim() === '' ? '' : markdownToHtml(markdown);
}
