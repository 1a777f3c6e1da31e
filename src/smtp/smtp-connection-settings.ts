import type { Config } from '../config/config.js';
import { smtpSettingsFromEnv, type SmtpEnvironment, type SmtpSettings } from './smtp-settings.js';
import { accessTokenProvider, type AccessTokenProvider } from './access-token.js';

export interface SmtpConnectionSettings {
  settings: SmtpSettings;
  /** Set when the config signs in with OAuth2. */
  accessToken: AccessTokenProvider | undefined;
}

/**
 * The SMTP server and sign-in from the environment and the config's `smtp`
 * section. `accessToken` is the run's token source when it has one already
 * (the mailbox signs in with the same token): one token a run.
 */
export function smtpConnectionSettings(
  env: SmtpEnvironment,
  config: Config,
  workspace: string,
  accessToken = runAccessToken(env, config, workspace),
): SmtpConnectionSettings {
  return { settings: smtpSettingsFromEnv(env, { oauth2: config.smtp.oauth2 !== undefined }), accessToken };
}

/** A run's OAuth2 token source when the config signs in with `smtp.oauth2`: one for the SMTP server and the mailboxes alike. */
export function runAccessToken(env: SmtpEnvironment, config: Config, workspace: string): AccessTokenProvider | undefined {
  const oauth2 = config.smtp.oauth2;
  return oauth2 ? accessTokenProvider(oauth2, { clientSecret: env.SNIPPET_SMTP_OAUTH_CLIENT_SECRET, cwd: workspace }) : undefined;
}
