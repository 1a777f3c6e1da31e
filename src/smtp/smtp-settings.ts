import { isIP } from 'node:net';
import { SnippetError } from '../errors.js';
import { isLoopback } from '../schema/is-loopback.js';
import { secretFromFile } from '../config/secret-from-file.js';

export { isLoopback };

/** Where and how to reach the SMTP server, from the environment. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (smtps, port 465); otherwise STARTTLS. */
  secure: boolean;
  /** A loopback server may be spoken to without TLS; any other must offer STARTTLS. */
  loopback: boolean;
  user?: string;
  pass?: string;
  /** Sign in with XOAUTH2 (an access token) instead of a password; `user` is the mailbox. */
  oauth2: boolean;
  /** Extra trusted CA certificates (PEM), e.g. a private relay's. */
  ca?: string;
  /** `smtp://user@host:587`: for messages, never with the password. */
  display: string;
}

export interface SmtpEnvironment {
  SNIPPET_SMTP_URL?: string | undefined;
  SNIPPET_SMTP_HOST?: string | undefined;
  SNIPPET_SMTP_PORT?: string | undefined;
  SNIPPET_SMTP_USER?: string | undefined;
  SNIPPET_SMTP_PASS?: string | undefined;
  /** Contents of the file named by SNIPPET_SMTP_PASS_FILE, read by the CLI. */
  passFromFile?: string | undefined;
  /** Contents of the PEM file named by SNIPPET_SMTP_CA_FILE, read by the CLI. */
  caFromFile?: string | undefined;
  /** For client-credentials OAuth2 sign-in (Microsoft 365). */
  SNIPPET_SMTP_OAUTH_CLIENT_SECRET?: string | undefined;
  /** Why SNIPPET_SMTP_PASS_FILE or SNIPPET_SMTP_CA_FILE could not be read, raised when SMTP is used. */
  fileProblem?: string | undefined;
}

/**
 * Pure: SMTP settings from `SNIPPET_SMTP_URL` (`smtp://user:pass@host:587`,
 * `smtps://…:465`) or from `SNIPPET_SMTP_HOST`, `_PORT`, `_USER`, `_PASS`
 * (or `_PASS_FILE`). With `oauth2` (the config's `smtp.oauth2`) the user signs
 * in with an access token and needs no password. Errors never repeat the password.
 */
export function smtpSettingsFromEnv(env: SmtpEnvironment, auth: { oauth2: boolean } = { oauth2: false }): SmtpSettings {
  if (env.fileProblem)
    throw new SnippetError(env.fileProblem, {
      hint: "SNIPPET_SMTP_PASS_FILE names a file holding the password; SNIPPET_SMTP_CA_FILE a PEM file of the certificate authority that signed your mail server's certificate.",
    });
  const pass = env.SNIPPET_SMTP_PASS ?? (env.passFromFile === undefined ? undefined : secretFromFile(env.passFromFile));
  if (env.SNIPPET_SMTP_URL) {
    let url: URL;
    try {
      url = new URL(env.SNIPPET_SMTP_URL);
    } catch {
      throw new SnippetError('SNIPPET_SMTP_URL is not a valid URL', {
        hint: 'Write it as smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS); percent-encode special characters in the password.',
      });
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      throw new SnippetError(`SNIPPET_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
    }
    const secure = url.protocol === 'smtps:';
    const host = url.hostname.replace(/^\[(.*)\]$/u, '$1');
    if (!host) throw new SnippetError('SNIPPET_SMTP_URL has no host name');
    const user = url.username ? decodeUrlPart(url.username, 'user name') : env.SNIPPET_SMTP_USER;
    const urlPass = url.password ? decodeUrlPart(url.password, 'password') : undefined;
    return settings(host, url.port ? Number(url.port) : secure ? 465 : 587, secure, user, urlPass ?? pass, auth.oauth2, env.caFromFile);
  }
  if (env.SNIPPET_SMTP_HOST) {
    const port = env.SNIPPET_SMTP_PORT ? Number(env.SNIPPET_SMTP_PORT) : 587;
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new SnippetError(`SNIPPET_SMTP_PORT must be a port number, not "${env.SNIPPET_SMTP_PORT}"`);
    }
    return settings(env.SNIPPET_SMTP_HOST, port, port === 465, env.SNIPPET_SMTP_USER, pass, auth.oauth2, env.caFromFile);
  }
  throw new SnippetError('no SMTP server is configured', {
    hint: 'Set SNIPPET_SMTP_URL (e.g. smtp://user:password@smtp.example.org:587) or SNIPPET_SMTP_HOST, _PORT, _USER and _PASS; or use --outbox DIR to write .eml files instead.',
  });
}

/** A percent-encoded part of SNIPPET_SMTP_URL; the error never repeats it. */
function decodeUrlPart(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new SnippetError(`SNIPPET_SMTP_URL: the ${what} has a "%" that is not followed by two hexadecimal digits`, {
      hint: `In a URL, special characters of the ${what} are percent-encoded: write % as %25 (and @ as %40, : as %3A, / as %2F). Or leave it out of the URL and set SNIPPET_SMTP_PASS or SNIPPET_SMTP_PASS_FILE, where it is taken as it is.`,
    });
  }
}

function settings(
  host: string,
  port: number,
  secure: boolean,
  user: string | undefined,
  pass: string | undefined,
  oauth2: boolean,
  ca: string | undefined,
): SmtpSettings {
  if (oauth2 && !user) {
    throw new SnippetError('OAuth2 sign-in (smtp.oauth2 in snippet.config.yaml) needs the mailbox to sign in as', {
      hint: 'Set SNIPPET_SMTP_USER to the sending mailbox, e.g. snippet@nhs.scot.',
    });
  }
  if (user && !pass && !oauth2) {
    throw new SnippetError(`SMTP user ${user} has no password`, { hint: 'Set SNIPPET_SMTP_PASS, SNIPPET_SMTP_PASS_FILE, or put it in SNIPPET_SMTP_URL.' });
  }
  const loopback = isLoopback(host);
  return {
    host,
    port,
    secure,
    loopback,
    ...(user ? { user } : {}),
    ...(pass && user && !oauth2 ? { pass } : {}),
    oauth2,
    ...(ca ? { ca } : {}),
    display: `${secure ? 'smtps' : 'smtp'}://${user ? `${encodeURIComponent(user)}@` : ''}${isIP(host) === 6 ? `[${host}]` : host}:${port}`,
  };
}
