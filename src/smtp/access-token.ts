import { execFile } from 'node:child_process';
import type { OAuth2Settings } from '../config/config.js';
import { registerSecret } from '../config/known-secrets.js';
import { SnippetError } from '../errors.js';
import { splitCommand } from './split-command.js';

/** An OAuth2 access token for XOAUTH2 sign-in; `renew` asks for a fresh one (the server refused the last). */
export type AccessTokenProvider = (renew: boolean) => Promise<string>;

export interface AccessTokenOptions {
  /** SNIPPET_SMTP_OAUTH_CLIENT_SECRET, for client credentials. */
  clientSecret: string | undefined;
  /** Where the token command runs: the workspace. */
  cwd: string;
  /** How long the command or the token endpoint may take. */
  timeoutMs?: number;
  /** Test hook: the platform the token command runs on (default this one's). */
  platform?: NodeJS.Platform;
  now?: () => number;
}

/** A command's token is not known to expire; it is asked again after this. */
const COMMAND_TOKEN_LIFETIME_MS = 10 * 60_000;
/** A token this close to expiring is renewed first, so a connection never signs in with one about to lapse. */
const EXPIRY_MARGIN_MS = 2 * 60_000;

/**
 * Access tokens from the configured source, kept until shortly before they
 * expire: Microsoft's last an hour or so, and a send at 30 a minute can run
 * much longer, reconnecting now and then. Callers asking while a token is
 * being fetched wait for that one. The token and the client secret never
 * appear in errors.
 */
export function accessTokenProvider(settings: OAuth2Settings, options: AccessTokenOptions): AccessTokenProvider {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let cached: { token: string; expires: number } | undefined;
  // Connections opened at once share one fetch: each asking on its own would run the command once a connection.
  let fetching: Promise<string> | undefined;
  const fetch = async (): Promise<string> => {
    const fetched =
      settings.source === 'command'
        ? {
            token: await tokenFromCommand(settings.command, options.cwd, timeoutMs, options.platform ?? process.platform),
            lifetimeMs: COMMAND_TOKEN_LIFETIME_MS,
          }
        : await tokenFromEndpoint(settings, options.clientSecret, timeoutMs);
    // Known to the redactor before anyone can print it (a server echoing it in a refusal, say).
    registerSecret(fetched.token);
    cached = { token: fetched.token, expires: now() + fetched.lifetimeMs };
    return fetched.token;
  };
  return async (renew) => {
    if (!renew && cached && cached.expires - EXPIRY_MARGIN_MS > now()) return cached.token;
    fetching ??= fetch().finally(() => (fetching = undefined));
    return fetching;
  };
}

/**
 * Runs the token command, its trimmed output the token. A plain command (a
 * program and its arguments, quoted as in a terminal) runs without a shell,
 * the same on Windows; one that uses a pipe or `$VARIABLE` runs through
 * /bin/sh, which Windows does not have.
 */
function tokenFromCommand(command: string, cwd: string, timeoutMs: number, platform: NodeJS.Platform): Promise<string> {
  const hint = 'It is smtp.oauth2.token_command in snippet.config.yaml; run it by hand in the workspace: it must print the access token and nothing else.';
  const { argv, needsShell } = splitCommand(command);
  if (argv.length === 0) return Promise.reject(new SnippetError('smtp.oauth2.token_command is empty', { hint }));
  if (needsShell && platform === 'win32') {
    return Promise.reject(
      new SnippetError('smtp.oauth2.token_command uses a pipe, a redirection or a $VARIABLE, which need a shell that Windows does not have', {
        hint: 'Name one program and its arguments (for a .cmd tool such as az, start with `cmd /c`), or put the pipeline in a script and name the script.',
      }),
    );
  }
  const [file, args] = needsShell ? ['/bin/sh', ['-c', command]] : [argv[0]!, argv.slice(1)];
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024, encoding: 'utf8', windowsHide: true }, (error, stdout) => {
      if (error) {
        if (error.code === 'ENOENT') return reject(new SnippetError(`the OAuth2 token command's program ${argv[0]} was not found`, { hint }));
        const timedOut = error.killed === true || error.signal === 'SIGTERM';
        // Its output is never repeated: a token tool's errors can hold a refresh token or a client secret.
        const why = timedOut
          ? `did not finish within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`
          : `failed (exit ${String(error.code ?? error.signal ?? 'error')})`;
        return reject(new SnippetError(`the OAuth2 token command ${why}`, { hint: `${hint} Its output is not shown here, as it may hold secrets.` }));
      }
      const token = stdout.trim();
      if (token === '') return reject(new SnippetError('the OAuth2 token command printed no token', { hint }));
      if (/\s/u.test(token)) return reject(new SnippetError('the OAuth2 token command printed more than a token', { hint }));
      resolve(token);
    });
  });
}

/** The OAuth2 client-credentials grant (RFC 6749 section 4.4), as Microsoft's identity platform takes it. */
async function tokenFromEndpoint(
  settings: Extract<OAuth2Settings, { source: 'client-credentials' }>,
  clientSecret: string | undefined,
  timeoutMs: number,
): Promise<{ token: string; lifetimeMs: number }> {
  if (!clientSecret) {
    throw new SnippetError('SNIPPET_SMTP_OAUTH_CLIENT_SECRET is not set', {
      hint: "smtp.oauth2 in snippet.config.yaml uses client credentials: put the app registration's client secret in that environment variable (e.g. in the environment file cron reads), never in the config.",
    });
  }
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: settings.clientId, client_secret: clientSecret, scope: settings.scope });
  let response: Response;
  try {
    response = await fetch(settings.tokenUrl, { method: 'POST', body, headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new SnippetError(`could not reach the OAuth2 token endpoint ${settings.tokenUrl} (${cause})`, {
      kind: 'tempfail',
      hint: 'Check the network; cron will try again.',
    });
  }
  const json = (await response.json().catch(() => undefined)) as
    { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } | undefined;
  if (!response.ok || typeof json?.access_token !== 'string' || json.access_token === '') {
    const reason =
      typeof json?.error === 'string'
        ? `${json.error}${typeof json.error_description === 'string' ? `: ${firstLine(json.error_description)}` : ''}`
        : `HTTP ${response.status}`;
    throw new SnippetError(`the OAuth2 token endpoint refused client ${settings.clientId}: ${reason}`, {
      hint: 'Check smtp.oauth2 (tenant_id, client_id, scope) in snippet.config.yaml and SNIPPET_SMTP_OAUTH_CLIENT_SECRET; the app needs the SMTP.SendAsApp permission and access to the mailbox.',
    });
  }
  const seconds = typeof json.expires_in === 'number' ? json.expires_in : Number(json.expires_in);
  return { token: json.access_token, lifetimeMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : COMMAND_TOKEN_LIFETIME_MS };
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
