import type { RenderedIssue } from './render-issue.js';
import { escapeHtml } from './escape-html.js';
import { PLACEHOLDER_PATTERN, type PlaceholderName } from './placeholders.js';

export interface Recipient {
  name?: string;
  email: string;
  /** The member's own unsubscribe link (https or mailto). */
  unsubscribeUrl: string;
}

export interface PersonalisedParts {
  html: string;
  text: string;
}

type Fill = (values: Record<PlaceholderName, string>) => string;

/**
 * Splits the rendered issue at its placeholders once, and returns a function
 * that fills them in for one recipient: a join, with no searching, so it is
 * cheap enough to call for every member of a large list.
 */
export function preparePersonalisation(rendered: Pick<RenderedIssue, 'html' | 'text'>): (recipient: Recipient) => PersonalisedParts {
  const html = prepare(rendered.html);
  const text = prepare(rendered.text);
  return (recipient) => {
    const plain = values(recipient);
    return { html: html(escapeValues(plain)), text: text(plain) };
  };
}

/** One recipient's html and text. For many recipients, use preparePersonalisation. */
export function personalise(rendered: Pick<RenderedIssue, 'html' | 'text'>, recipient: Recipient): PersonalisedParts {
  return preparePersonalisation(rendered)(recipient);
}

function values(recipient: Recipient): Record<PlaceholderName, string> {
  const name = recipient.name?.replace(/\s+/gu, ' ').trim() ?? '';
  return {
    greeting: name === '' ? 'Hello,' : `Hello ${name},`,
    name,
    email: recipient.email,
    'unsubscribe-url': recipient.unsubscribeUrl,
  };
}

function escapeValues(plain: Record<PlaceholderName, string>): Record<PlaceholderName, string> {
  const escaped = { ...plain };
  for (const key of Object.keys(escaped) as PlaceholderName[]) escaped[key] = escapeHtml(escaped[key]);
  return escaped;
}

function prepare(rendered: string): Fill {
  // split() with one capture group alternates literal text and token names.
  const parts = rendered.split(new RegExp(PLACEHOLDER_PATTERN.source, 'u'));
  if (parts.length === 1) return () => rendered;
  return (filled) => {
    let out = '';
    for (let i = 0; i < parts.length; i += 1) {
      const part = parts[i] ?? '';
      out += i % 2 === 0 ? part : (filled[part as PlaceholderName] ?? '');
    }
    return out;
  };
}
