import type { Config } from '../config/config.js';
import type { RateLimit } from '../config/rate-limit.js';
import type { Clock } from '../delivery/send-engine.js';
import type { SendSessionInput } from '../delivery/send-session.js';
import type { AccessTokenProvider } from '../smtp/access-token.js';
import { createMailer } from '../smtp/create-mailer.js';
import { smtpSettingsFromEnv, type SmtpEnvironment } from '../smtp/smtp-settings.js';
import type { SendRoute } from './send-events.js';

/** What every send is given beside its issue: the transport, this run's limits, the environment. */
export interface TransportOptions {
  dir: string;
  /** Write .eml files here instead of using SMTP: absolute (the CLI resolves `--outbox` against the folder it runs in). */
  outbox: string | undefined;
  /** For this run instead of the config's. */
  rates: RateLimit[] | undefined;
  connections: number | undefined;
  smtp: SmtpEnvironment;
  signal?: AbortSignal;
  /** False with --no-safety-stop: a run whose first answers are mostly one refusal goes on (safety-stop.ts). */
  safetyStop?: boolean;
  /** Test hook: connect/greeting/socket timeouts in ms. */
  smtpTimeouts?: { connection: number; greeting: number; socket: number };
  /** Test hook: how long a bounce's suppression waits for a contacts lock held by another run (30 s). */
  contactsLockWaitMs?: number;
}

export interface ResolvedRoute extends SendRoute {
  /** When the send writes .eml files. */
  outbox: string | undefined;
}

/** Where a send goes and how fast: the options' outbox or SMTP, with the run's limits or the config's. */
export function sendRoute(options: Pick<TransportOptions, 'outbox' | 'rates' | 'connections' | 'smtp'>, config: Config): ResolvedRoute {
  const { outbox } = options;
  return {
    outbox,
    // An outbox is not a mail server: limits apply to it only when given for the run.
    rates: options.rates ?? (outbox ? [] : config.sending.rates),
    connections: options.connections ?? config.sending.connections,
    transport: outbox ? `outbox ${outbox}` : describeSmtp(options.smtp, config.smtp.oauth2 !== undefined),
  };
}

/** The session's settings that every send shares: the transport and limits (the route's), retries, clock. */
export function sessionSettings(
  options: TransportOptions,
  config: Config,
  clock: Clock,
  route: ResolvedRoute,
  /** The run's OAuth2 token source when it has one already (send --due's mailbox signed in with it). */
  accessToken?: AccessTokenProvider,
): Pick<
  SendSessionInput,
  | 'mailer'
  | 'transport'
  | 'rates'
  | 'connections'
  | 'retry'
  | 'stopAfterFailures'
  | 'maxWaitMs'
  | 'safetyStop'
  | 'timeZone'
  | 'clock'
  | 'signal'
  | 'contactsLockWaitMs'
> {
  const { outbox, rates, connections } = route;
  return {
    mailer: () => createMailer({ outbox, smtp: options.smtp, config, workspace: options.dir, connections, timeouts: options.smtpTimeouts, accessToken }),
    transport: outbox ? 'outbox' : 'smtp',
    rates,
    connections,
    retry: { attempts: config.sending.retries, firstDelayMs: config.sending.retryDelayMs },
    stopAfterFailures: config.sending.stopAfterFailures,
    maxWaitMs: config.sending.maxWaitMs,
    safetyStop: options.safetyStop !== false,
    timeZone: config.timeZone,
    clock,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.contactsLockWaitMs === undefined ? {} : { contactsLockWaitMs: options.contactsLockWaitMs }),
  };
}

function describeSmtp(env: SmtpEnvironment, oauth2: boolean): string {
  try {
    return `${smtpSettingsFromEnv(env, { oauth2 }).display}${oauth2 ? ' (OAuth2)' : ''}`;
  } catch {
    return 'SMTP (not configured)';
  }
}
