import { escapeHtml } from '../render/escape-html.js';

/** A piece of HTML that is already safe: made by `html`, or Markdown made safe by the renderer. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

/**
 * Tagged template for pages: every interpolated string is escaped unless it
 * is SafeHtml, arrays are joined, and null, undefined and false vanish, so
 * a page builder reads like the page and cannot forget to escape.
 */
export function html(strings: TemplateStringsArray, ...parts: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  parts.forEach((part, index) => {
    out += render(part) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Trusted HTML, e.g. Markdown already rendered by the project's safe renderer. */
export function raw(value: string): SafeHtml {
  return new SafeHtml(value);
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}
