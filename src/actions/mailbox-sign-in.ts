import { registerSignIn } from '../config/known-secrets.js';
import type { Config } from '../config/config.js';
import type { ImapAddress } from '../config/imap-address.js';
import { SnippetError } from '../errors.js';
import type { ImapSignIn } from '../mailbox/imap-source.js';
import { accessTokenProvider } from '../smtp/access-token.js';
import { smtpSettingsFromEnv, type SmtpEnvironment } from '../smtp/smtp-settings.js';

/** SNIPPET_IMAP_USER, SNIPPET_IMAP_PASS and the contents of SNIPPET_IMAP_PASS_FILE, read by the CLI. */
export interface ImapEnvironment {
  SNIPPET_IMAP_USER?: string | undefined;
  SNIPPET_IMAP_PASS?: string | undefined;
  passFromFile?: string | undefined;
  /** Why SNIPPET_IMAP_PASS_FILE could not be read. */
  fileProblem?: string | undefined;
}

/**
 * How to sign in to one mailbox: with SNIPPET_IMAP_* when any is set,
 * otherwise as the SMTP sign-in does (its password, or an XOAUTH2 token from
 * smtp.oauth2: Microsoft 365's outlook.office365.com/.default scope covers
 * IMAP as well as SMTP). The user is SNIPPET_IMAP_USER, else the one in
 * mailbox.url, else the SMTP user.
 */
export async function mailboxSignIn(address: ImapAddress, config: Config, imap: ImapEnvironment, smtp: SmtpEnvironment, cwd: string): Promise<ImapSignIn> {
  const signIn = await chooseSignIn(address, config, imap, smtp, cwd);
  // Before the IMAP client sends it (LOGIN, AUTHENTICATE PLAIN or XOAUTH2): a server may echo it in a refusal.
  registerSignIn(signIn.user, 'accessToken' in signIn ? { token: signIn.accessToken } : { password: signIn.password });
  return signIn;
}

async function chooseSignIn(address: ImapAddress, config: Config, imap: ImapEnvironment, smtp: SmtpEnvironment, cwd: string): Promise<ImapSignIn> {
  if (imap.fileProblem) throw new SnippetError(imap.fileProblem, { hint: 'SNIPPET_IMAP_PASS_FILE names a file holding the mailbox password.' });
  const ownSettings = imap.SNIPPET_IMAP_USER !== undefined || imap.SNIPPET_IMAP_PASS !== undefined || imap.passFromFile !== undefined;
  const oauth2 = config.smtp.oauth2;
  if (ownSettings) {
    const user = imap.SNIPPET_IMAP_USER || address.user;
    const password = imap.SNIPPET_IMAP_PASS ?? imap.passFromFile?.replace(/\r?\n$/u, '');
    if (!user) throw noUser(address);
    if (password) return { user, password };
    if (oauth2) return { user, accessToken: await token(config, smtp, cwd) };
    throw new SnippetError(`the mailbox user ${user} has no password`, {
      hint: 'Set SNIPPET_IMAP_PASS or SNIPPET_IMAP_PASS_FILE (or smtp.oauth2 for Microsoft 365).',
    });
  }
  if (oauth2) {
    const user = address.user ?? smtp.SNIPPET_SMTP_USER;
    if (!user) throw noUser(address);
    return { user, accessToken: await token(config, smtp, cwd) };
  }
  let settings;
  try {
    settings = smtpSettingsFromEnv(smtp);
  } catch (error) {
    throw new SnippetError(`no sign-in for the mailbox ${address.display}: ${(error as Error).message}`, {
      hint: 'Set SNIPPET_IMAP_USER and SNIPPET_IMAP_PASS (or SNIPPET_IMAP_PASS_FILE), or the SMTP settings the mailbox shares with sending.',
    });
  }
  const user = address.user ?? settings.user;
  if (!user || !settings.pass) throw noUser(address);
  return { user, password: settings.pass };
}

async function token(config: Config, smtp: SmtpEnvironment, cwd: string): Promise<string> {
  return accessTokenProvider(config.smtp.oauth2!, { clientSecret: smtp.SNIPPET_SMTP_OAUTH_CLIENT_SECRET, cwd })(false);
}

function noUser(address: ImapAddress): SnippetError {
  return new SnippetError(`no user to sign in to the mailbox ${address.display} as`, {
    hint: 'Put the user in mailbox.url (imaps://USER@HOST/FOLDER) or set SNIPPET_IMAP_USER; the password goes in SNIPPET_IMAP_PASS or SNIPPET_IMAP_PASS_FILE.',
  });
}
