import type { GreetingStyle } from '../config/config.js';
import type { RenderedIssue } from './render-issue.js';
import { escapeHtml } from './escape-html.js';
import { PLACEHOLDER_PATTERN, type PlaceholderName } from './placeholders.js';
import { wrapText } from './wrap-text.js';

export interface Recipient {
  name?: string;
  /** What the member asked to be called ("Anna"): members.csv's greeting_name. */
  greetingName?: string;
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
export function preparePersonalisation(
  rendered: Pick<RenderedIssue, 'html' | 'text'>,
  greeting: GreetingStyle = 'colleague',
): (recipient: Recipient) => PersonalisedParts {
  const html = prepare(rendered.html);
  const text = prepare(rendered.text);
  return (recipient) => {
    const values = recipientValues(recipient, greeting);
    return { html: html(values.html), text: text(values.text) };
  };
}

/**
 * A recipient's placeholder values, as plain text and escaped for HTML. The
 * text greeting stands on a line of its own in the text part, so it is
 * wrapped here, after the name is known, like the rest of that part.
 */
export function recipientValues(
  recipient: Recipient,
  style: GreetingStyle = 'colleague',
): { text: Record<PlaceholderName, string>; html: Record<PlaceholderName, string> } {
  const plain = values(recipient, style);
  const greeting = plain.greeting.length <= 78 ? plain.greeting : wrapText(plain.greeting).trimEnd();
  return { text: { ...plain, greeting }, html: { ...escapeValues(plain), 'email-wrapped': wrappedAddress(plain.email) } };
}

/**
 * An address as HTML that breaks only at sensible points: each run between
 * a dot or the @ is kept whole (a hyphen inside it too), and a line may break
 * before the dot or the @ that starts the next run.
 */
function wrappedAddress(email: string): string {
  return email
    .split(/(?=[.@])/u)
    .map((run) => `<span style="white-space:nowrap">${escapeHtml(run)}</span>`)
    .join('<wbr>');
}

/**
 * "Dear Anna," from greeting_name; without it the network's choice, which
 * never guesses a first name: "Dear colleague," or the full name as written.
 */
export function greetingFor(recipient: Pick<Recipient, 'name' | 'greetingName'>, style: GreetingStyle): string {
  // Control characters (from a spreadsheet) become spaces: they have no place in a greeting.
  const tidy = (text: string | undefined): string => text?.replace(/[\s\p{Cc}]+/gu, ' ').trim() ?? '';
  const called = tidy(recipient.greetingName) || (style === 'full-name' ? tidy(recipient.name) : '');
  return `Dear ${called || 'colleague'},`;
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
export function personalise(rendered: Pick<RenderedIssue, 'html' | 'text'>, recipient: Recipient, greeting: GreetingStyle = 'colleague'): PersonalisedParts {
  return preparePersonalisation(rendered, greeting)(recipient);
}

function values(recipient: Recipient, greeting: GreetingStyle): Record<PlaceholderName, string> {
  const name = recipient.name?.replace(/\s+/gu, ' ').trim() ?? '';
  return {
    greeting: greetingFor(recipient, greeting),
    name,
    email: recipient.email,
    'email-wrapped': recipient.email,
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
