import type { Config } from '../config/config.js';
import type { Mailer } from '../delivery/send-result.js';
import { createOutboxMailer } from './outbox-mailer.js';
import type { AccessTokenProvider } from './access-token.js';
import type { SmtpTimeouts } from './smtp-connection-options.js';
import { smtpConnectionSettings } from './smtp-connection-settings.js';
import type { SmtpEnvironment } from './smtp-settings.js';

/** An outbox folder, or SMTP (the SMTP client, src/smtp/create-smtp-mailer.ts, is loaded only when needed). */
export async function createMailer(input: {
  outbox: string | undefined;
  smtp: SmtpEnvironment;
  config: Config;
  workspace: string;
  connections: number;
  timeouts?: SmtpTimeouts | undefined;
  /** The run's OAuth2 token source, shared with the mailbox's sign-in. */
  accessToken?: AccessTokenProvider | undefined;
}): Promise<Mailer> {
  if (input.outbox !== undefined) return createOutboxMailer(input.outbox);
  const { settings, accessToken } = smtpConnectionSettings(input.smtp, input.config, input.workspace, input.accessToken);
  const { createSmtpMailer } = await import('./create-smtp-mailer.js');
  return createSmtpMailer(settings, {
    connections: input.connections,
    ...(input.timeouts ? { timeouts: input.timeouts } : {}),
    ...(accessToken ? { accessToken } : {}),
  });
}
