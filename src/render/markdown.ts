import { compile, type HtmlToTextOptions } from 'html-to-text';
import MarkdownIt from 'markdown-it';

// Member-written Markdown ends up in thousands of inboxes: no raw HTML, and
// only links a mail client can open safely.
const SAFE_LINK = /^(?:https?:|mailto:)/iu;

const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
md.validateLink = (url: string): boolean => SAFE_LINK.test(url.trim());
// Images from members would arrive without alt text and act as tracking
// pixels; a Markdown image stays visible as text instead.
md.disable('image');

/** Markdown blocks (paragraphs, lists…) → safe HTML. */
export function markdownToHtml(source: string): string {
  return md.render(source).trim();
}

/** One line of Markdown (no paragraph wrapper) → safe HTML, e.g. a contact line. */
export function markdownInlineToHtml(source: string): string {
  return md.renderInline(source).trim();
}

const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  // Shouting capitals are kept for the section headings the template writes.
  options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 1 },
}));

const textOptions: HtmlToTextOptions = {
  wordwrap: 78,
  selectors: [
    { selector: 'a', options: { linkBrackets: ['(', ')'], hideLinkHrefIfSameAsText: true } },
    { selector: 'ul', options: { itemPrefix: ' - ' } },
    ...headings,
  ],
};

/** Markdown → readable plain text wrapped at 78 columns; links read "text (url)". */
export function markdownToText(source: string): string {
  return htmlToText(markdownToHtml(source));
}

// Compiled once: `convert` would rebuild its selectors for every call, which
// dominated building a site of many issues.
const toText = compile(textOptions);

// For calendars and data: a line is as long as its paragraph; whatever reads it wraps it.
const toUnwrappedText = compile({ ...textOptions, wordwrap: false });

/** Markdown → plain text as markdownToText, without hard line breaks inside a paragraph (calendar files, JSON). */
export function markdownToUnwrappedText(source: string): string {
  return toUnwrappedText(markdownToHtml(source)).trim();
}

/** Safe HTML (as made by markdownToHtml) → plain text. */
export function htmlToText(html: string): string {
  return toText(html).trim();
}
