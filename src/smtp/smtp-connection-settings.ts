import type { Config } from '../config/config.js';
import { smtpSettingsFromEnv, type SmtpEnvironment, type SmtpSettings } from './smtp-settings.js';
import { accessTokenProvider, type AccessTokenProvider } from './access-token.js';

export interface SmtpConnectionSettings {
  settings: SmtpSettings;
  /** Set when the config signs in with OAuth2. */
  accessToken: AccessTokenProvider | undefined;
}

/** The SMTP server and sign-in from the environment and the config's `smtp` section. */
export function smtpConnectionSettings(env: SmtpEnvironment, config: Config, workspace: string): SmtpConnectionSettings {
  const oauth2 = config.smtp.oauth2;
  const settings = smtpSettingsFromEnv(env, { oauth2: oauth2 !== undefined });
  return {
    settings,
    accessToken: oauth2 ? accessTokenProvider(oauth2, { clientSecret: env.SNIPPET_SMTP_OAUTH_CLIENT_SECRET, cwd: workspace }) : undefined,
  };
}
