import { isIP } from 'node:net';
import { SnippetError } from '../errors.js';

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
}

/**
 * Pure: SMTP settings from `SNIPPET_SMTP_URL` (`smtp://user:pass@host:587`,
 * `smtps://…:465`) or from `SNIPPET_SMTP_HOST`, `_PORT`, `_USER`, `_PASS`
 * (or `_PASS_FILE`). Errors never repeat the password.
 */
export function smtpSettingsFromEnv(env: SmtpEnvironment): SmtpSettings {
  const pass = env.SNIPPET_SMTP_PASS ?? env.passFromFile?.replace(/\r?\n$/u, '');
  if (env.SNIPPET_SMTP_URL) {
    let url: URL;
    try {
      url = new URL(env.SNIPPET_SMTP_URL);
    } catch {
      throw new SnippetError('SNIPPET_SMTP_URL is not a valid URL', { hint: 'Write it as smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS); percent-encode special characters in the password.' });
    }
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      throw new SnippetError(`SNIPPET_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
    }
    const secure = url.protocol === 'smtps:';
    const host = url.hostname.replace(/^\[(.*)\]$/u, '$1');
    if (!host) throw new SnippetError('SNIPPET_SMTP_URL has no host name');
    const user = url.username ? decodeURIComponent(url.username) : env.SNIPPET_SMTP_USER;
    const urlPass = url.password ? decodeURIComponent(url.password) : undefined;
    return settings(host, url.port ? Number(url.port) : secure ? 465 : 587, secure, user, urlPass ?? pass);
  }
  if (env.SNIPPET_SMTP_HOST) {
    const port = env.SNIPPET_SMTP_PORT ? Number(env.SNIPPET_SMTP_PORT) : 587;
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new SnippetError(`SNIPPET_SMTP_PORT must be a port number, not "${env.SNIPPET_SMTP_PORT}"`);
    }
    return settings(env.SNIPPET_SMTP_HOST, port, port === 465, env.SNIPPET_SMTP_USER, pass);
  }
  throw new SnippetError('no SMTP server is configured', {
    hint: 'Set SNIPPET_SMTP_URL (e.g. smtp://user:password@smtp.example.org:587) or SNIPPET_SMTP_HOST, _PORT, _USER and _PASS; or use --outbox DIR to write .eml files instead.',
  });
}

function settings(host: string, port: number, secure: boolean, user: string | undefined, pass: string | undefined): SmtpSettings {
  if (user && !pass) {
    throw new SnippetError(`SMTP user ${user} has no password`, { hint: 'Set SNIPPET_SMTP_PASS, SNIPPET_SMTP_PASS_FILE, or put it in SNIPPET_SMTP_URL.' });
  }
  const loopback = isLoopback(host);
  return {
    host,
    port,
    secure,
    loopback,
    ...(user ? { user } : {}),
    ...(pass && user ? { pass } : {}),
    display: `${secure ? 'smtps' : 'smtp'}://${user ? `${encodeURIComponent(user)}@` : ''}${isIP(host) === 6 ? `[${host}]` : host}:${port}`,
  };
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}
