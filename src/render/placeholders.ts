/**
 * Per-recipient values are filled in after rendering, by plain string
 * substitution (see personalise.ts), so an issue is rendered once however many
 * members it goes to. Templates reach the tokens through `recipient.*`.
 *
 * A token is a name between two Unicode private-use characters. Nothing a
 * member writes can contain those characters, because every string of the
 * view model is passed through stripPlaceholderMarks before it meets a
 * template; so content can never be mistaken for, or smuggle in, a token.
 * Handlebars, MJML and the HTML escaper all leave the characters alone.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';

export const PLACEHOLDER_NAMES = ['greeting', 'name', 'email', 'email-wrapped', 'unsubscribe-url'] as const;
export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];

export function placeholder(name: PlaceholderName): string {
  return `${OPEN}snippet:${name}${CLOSE}`;
}

/** Finds every token; group 1 is its name. Global: reset `lastIndex` or use matchAll. */
export const PLACEHOLDER_PATTERN = /\uE000snippet:([a-z-]+)\uE001/gu;

const MARKS = /[\uE000\uE001]/gu;

/** Removes the token delimiters from every string in a plain data structure. */
export function stripPlaceholderMarks<T>(value: T): T {
  if (typeof value === 'string') return value.replace(MARKS, '') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => stripPlaceholderMarks(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, stripPlaceholderMarks(item)])) as T;
  }
  return value;
}

/** What templates see as `recipient`: tokens, filled in per member by personalise. */
export interface RecipientView {
  /** "Dear Anna," (greeting_name), or the network's choice without one: "Dear colleague," or the full name. */
  greeting: string;
  /** The member's name; empty when unknown. */
  name: string;
  email: string;
  /**
   * The address for reading in running text: in the HTML it breaks only
   * before a dot or the @, never at a hyphen or mid-word. Not for href="…".
   */
  emailWrapped: string;
  /** The member's own unsubscribe link. */
  unsubscribeUrl: string;
}

export const RECIPIENT_PLACEHOLDERS: RecipientView = {
  greeting: placeholder('greeting'),
  name: placeholder('name'),
  email: placeholder('email'),
  emailWrapped: placeholder('email-wrapped'),
  unsubscribeUrl: placeholder('unsubscribe-url'),
};
