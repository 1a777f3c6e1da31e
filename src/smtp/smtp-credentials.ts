import type SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import XOAuth2 from 'nodemailer/lib/xoauth2/index.js';
import { SnippetError } from '../errors.js';
import type { AccessTokenProvider } from './access-token.js';
import type { SmtpSettings } from './smtp-settings.js';

export type SmtpCredentials = Parameters<SMTPConnection['login']>[0];

/** What to sign in with: a password, an OAuth2 access token (XOAUTH2), or nothing. */
export async function smtpCredentials(settings: SmtpSettings, accessToken: AccessTokenProvider | undefined): Promise<SmtpCredentials | undefined> {
  if (!settings.user) return undefined;
  if (!settings.oauth2) return { user: settings.user, pass: settings.pass ?? '' };
  if (!accessToken) throw new SnippetError('OAuth2 sign-in has no token source');
  const token = await accessToken(false);
  // When the server refuses a token, nodemailer asks once for a fresh one.
  const oauth2 = new XOAuth2({
    user: settings.user,
    accessToken: token,
    provisionCallback: (_user, renew, callback) => {
      accessToken(renew).then(
        (fresh) => callback(null, fresh, 0),
        (error: unknown) => callback(error as Error, '', 0),
      );
    },
  });
  return { oauth2 };
}
