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
    const values = recipientValues(recipient);
    return { html: html(values.html), text: text(values.text) };
  };
}

/** A recipient's placeholder values, as plain text and escaped for HTML. */
export function recipientValues(recipient: Recipient): { text: Record<PlaceholderName, string>; html: Record<PlaceholderName, string> } {
  const plain = values(recipient);
  return { text: plain, html: escapeValues(plain) };
}

/**
 * A rendered part cut at its placeholders: `literals` has one more entry than
 * `names`, and the part is literals[0] + value(names[0]) + literals[1] + ….
 */
export function splitAtPlaceholders(rendered: string): { literals: string[]; names: PlaceholderName[] } {
  const parts = rendered.split(new RegExp(PLACEHOLDER_PATTERN.source, 'u'));
  return {
    literals: parts.filter((_, i) => i % 2 === 0),
    names: parts.filter((_, i) => i % 2 === 1) as PlaceholderName[],
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
  const { literals, names } = splitAtPlaceholders(rendered);
  if (names.length === 0) return () => rendered;
  return (filled) => {
    let out = literals[0]!;
    for (let i = 0; i < names.length; i += 1) out += (filled[names[i]!] ?? '') + literals[i + 1]!;
    return out;
  };
}
