import { registeredSecrets, SHORTEST_SECRET } from './known-secrets.js';

export { registerSecret } from './known-secrets.js';

/**
 * Secrets never reach output: every line the CLI prints, and every answer
 * the desk shows, passes through here.
 * The values come from the environment variables that may hold them, and
 * from whatever the process registered as it learnt or sent them
 * (config/known-secrets.ts: tokens, sign-ins' base64 forms).
 */
const SECRET_VARIABLES = [
  'SNIPPET_SMTP_PASS',
  'SNIPPET_IMAP_PASS',
  'SNIPPET_UNSUBSCRIBE_SECRET',
  'SNIPPET_SMTP_OAUTH_TOKEN',
  'SNIPPET_SMTP_OAUTH_CLIENT_SECRET',
];

let fromEnvironment: string[] | undefined;

export function redact(text: string): string {
  let result = text.replace(/(smtps?:\/\/[^:/@\s]*:)[^@\s]+@/giu, '$1***@');
  for (const form of secretForms()) result = result.split(form).join('***');
  return result;
}

/** The forms of every known secret, worked out again only when a secret has been registered since. */
let cachedForms: { secrets: number; forms: string[] } | undefined;

function secretForms(): string[] {
  const secrets = knownSecrets();
  // Secrets are only ever added, so their count says whether the forms are still current.
  if (cachedForms?.secrets !== secrets.length) {
    // Longest first across every secret: one secret's form can lie inside another's (a password's base64 inside AUTH PLAIN's).
    cachedForms = { secrets: secrets.length, forms: [...new Set(secrets.flatMap(encodings))].sort((a, b) => b.length - a.length) };
  }
  return cachedForms.forms;
}

/**
 * Pure: the ways a secret can be written out: as typed, percent-encoded (as
 * in a URL, or a form body, where `~` and space are encoded too), in either
 * case of hex, escaped in JSON, and in base64. Longest first, so no part of one is left.
 */
export function encodings(secret: string): string[] {
  const everything = [...Buffer.from(secret, 'utf8')]
    .map((byte) => (/[A-Za-z0-9_.-]/u.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
  const forms = [
    secret,
    encodeURIComponent(secret),
    encodeURI(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    everything,
    everything.replace(/\+/gu, '%2B').replace(/%20/gu, '+'),
    JSON.stringify(secret).slice(1, -1),
    // As AUTH LOGIN sends a password, and as a server may echo it back.
    Buffer.from(secret, 'utf8').toString('base64'),
  ];
  const withLowerHex = forms.flatMap((form) => [form, form.replace(/%[0-9A-F]{2}/gu, (escape) => escape.toLowerCase())]);
  return [...new Set(withLowerHex)].sort((a, b) => b.length - a.length);
}

function knownSecrets(): string[] {
  return [...environmentSecrets(), ...registeredSecrets()];
}

function environmentSecrets(): string[] {
  if (!fromEnvironment) {
    const secrets: string[] = [];
    fromEnvironment = secrets;
    for (const name of SECRET_VARIABLES) {
      const value = process.env[name];
      if (value && value.length >= SHORTEST_SECRET) secrets.push(value);
    }
    const url = process.env.SNIPPET_SMTP_URL;
    if (url) {
      try {
        const password = decodeURIComponent(new URL(url).password);
        if (password.length >= SHORTEST_SECRET) secrets.push(password);
      } catch {
        // A malformed URL is reported where it is parsed.
      }
    }
  }
  return fromEnvironment;
}
