/**
 * The secrets this process has come to know beyond its environment (a
 * password read from a file, an OAuth2 access token, the base64 forms a
 * sign-in sends): every printed line is cleared of them (config/redact.ts).
 * Whoever learns or sends a secret registers it here first, before any
 * reply of a server (which may echo it) can be shown.
 */
const registered = new Set<string>();

/** Shorter values are not taken for secrets: they would blank out ordinary words. */
export const SHORTEST_SECRET = 4;

export function registerSecret(value: string | undefined): void {
  if (value !== undefined && value.length >= SHORTEST_SECRET) registered.add(value);
}

/**
 * A sign-in's secret and every form a client sends it in: AUTH PLAIN and
 * AUTHENTICATE PLAIN (`\0user\0password`), AUTH LOGIN (the password alone),
 * XOAUTH2 (`user=…\x01auth=Bearer …\x01\x01`), each in base64.
 */
export function registerSignIn(user: string, secret: { password: string } | { token: string }): void {
  const forms =
    'token' in secret
      ? [secret.token, `user=${user}\x01auth=Bearer ${secret.token}\x01\x01`]
      : [secret.password, `\0${user}\0${secret.password}`, `${user}\0${user}\0${secret.password}`];
  registerSecret(forms[0]);
  for (const form of forms) registerSecret(Buffer.from(form, 'utf8').toString('base64'));
}

/** What has been registered, in the order it was. */
export function registeredSecrets(): readonly string[] {
  return [...registered];
}
