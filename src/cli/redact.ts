/**
 * Secrets never reach output: every line the CLI prints passes through here.
 * The values come from the environment variables that may hold them.
 */
const SECRET_VARIABLES = [
  'SNIPPET_SMTP_PASS',
  'SNIPPET_IMAP_PASS',
  'SNIPPET_UNSUBSCRIBE_SECRET',
  'SNIPPET_SMTP_OAUTH_TOKEN',
  'SNIPPET_SMTP_OAUTH_CLIENT_SECRET',
];

let secrets: string[] | undefined;

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) {
    secrets = [...knownSecrets(), value];
  }
}

export function redact(text: string): string {
  let result = text.replace(/(smtps?:\/\/[^:/@\s]*:)[^@\s]+@/giu, '$1***@');
  for (const secret of knownSecrets()) {
    for (const form of encodings(secret)) result = result.split(form).join('***');
  }
  return result;
}

/**
 * Pure: the ways a secret can be written out: as typed, percent-encoded (as
 * in a URL, or a form body, where `~` and space are encoded too), in either
 * case of hex, and escaped in JSON. Longest first, so no part of one is left.
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
  ];
  const withLowerHex = forms.flatMap((form) => [form, form.replace(/%[0-9A-F]{2}/gu, (escape) => escape.toLowerCase())]);
  return [...new Set(withLowerHex)].sort((a, b) => b.length - a.length);
}

function knownSecrets(): string[] {
  if (!secrets) {
    secrets = [];
    for (const name of SECRET_VARIABLES) {
      const value = process.env[name];
      if (value && value.length >= 4) secrets.push(value);
    }
    const url = process.env.SNIPPET_SMTP_URL;
    if (url) {
      try {
        const password = decodeURIComponent(new URL(url).password);
        if (password.length >= 4) secrets.push(password);
      } catch {
        // A malformed URL is reported where it is parsed.
      }
    }
  }
  return secrets;
}
