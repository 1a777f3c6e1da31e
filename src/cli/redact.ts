/**
 * Secrets never reach output: every line the CLI prints passes through here.
 * The values come from the environment variables that may hold them.
 */
const SECRET_VARIABLES = ['SNIPPET_SMTP_PASS', 'SNIPPET_UNSUBSCRIBE_SECRET', 'SNIPPET_SMTP_OAUTH_TOKEN', 'SNIPPET_SMTP_OAUTH_CLIENT_SECRET'];

let secrets: string[] | undefined;

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) {
    secrets = [...knownSecrets(), value];
  }
}

export function redact(text: string): string {
  let result = text.replace(/(smtps?:\/\/[^:/@\s]*:)[^@\s]+@/giu, '$1***@');
  for (const secret of knownSecrets()) {
    result = result.split(secret).join('***');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.split(encoded).join('***');
  }
  return result;
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
