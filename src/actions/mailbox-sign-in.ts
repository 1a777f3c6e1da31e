import { registerSignIn } from '../config/known-secrets.js';
import type { Config } from '../config/config.js';
import type { ImapAddress } from '../config/imap-address.js';
import { SnippetError } from '../errors.js';
import type { ImapSignIn } from '../mailbox/imap-source.js';
import { accessTokenProvider, type AccessTokenProvider } from '../smtp/access-token.js';
import { smtpSettingsFromEnv, type SmtpEnvironment } from '../smtp/smtp-settings.js';
import { secretFromFile } from '../config/secret-from-file.js';

/** SNIPPET_IMAP_USER, SNIPPET_IMAP_PASS and the contents of SNIPPET_IMAP_PASS_FILE, read by the CLI. */
export interface ImapEnvironment {
  SNIPPET_IMAP_USER?: string | undefined;
  SNIPPET_IMAP_PASS?: string | undefined;
  passFromFile?: string | undefined;
  /** Why SNIPPET_IMAP_PASS_FILE could not be read. */
  fileProblem?: string | undefined;
}

/**
 * How to sign in to each mailbox of a run: with SNIPPET_IMAP_* when any is
 * set, otherwise as the SMTP sign-in does (its password, or an XOAUTH2 token
 * from smtp.oauth2: Microsoft 365's outlook.office365.com/.default scope
 * covers IMAP as well as SMTP). The user is SNIPPET_IMAP_USER, else the one
 * in mailbox.url, else the SMTP user. The mailboxes share one token: the
 * token command runs (or the endpoint is asked) once a run, not once a mailbox;
 * `provider` is the run's token source when it has one already (doctor's and
 * send --due's SMTP sign-in), so the SMTP server shares it too.
 */
export function mailboxSignIns(
  config: Config,
  imap: ImapEnvironment,
  smtp: SmtpEnvironment,
  cwd: string,
  provider: AccessTokenProvider | undefined = config.smtp.oauth2
    ? accessTokenProvider(config.smtp.oauth2, { clientSecret: smtp.SNIPPET_SMTP_OAUTH_CLIENT_SECRET, cwd })
    : undefined,
): (address: ImapAddress) => Promise<ImapSignIn> {
  const token = provider ? () => provider(false) : undefined;
  return async (address) => {
    const signIn = await chooseSignIn(address, imap, smtp, token);
    // Before the IMAP client sends it (LOGIN, AUTHENTICATE PLAIN or XOAUTH2): a server may echo it in a refusal.
    registerSignIn(signIn.user, 'accessToken' in signIn ? { token: signIn.accessToken } : { password: signIn.password });
    return signIn;
  };
}

async function chooseSignIn(
  address: ImapAddress,
  imap: ImapEnvironment,
  smtp: SmtpEnvironment,
  token: (() => Promise<string>) | undefined,
): Promise<ImapSignIn> {
  if (imap.fileProblem) throw new SnippetError(imap.fileProblem, { hint: 'SNIPPET_IMAP_PASS_FILE names a file holding the mailbox password.' });
  const ownSettings = imap.SNIPPET_IMAP_USER !== undefined || imap.SNIPPET_IMAP_PASS !== undefined || imap.passFromFile !== undefined;
  if (ownSettings) {
    const user = imap.SNIPPET_IMAP_USER || address.user;
    const password = imap.SNIPPET_IMAP_PASS ?? (imap.passFromFile === undefined ? undefined : secretFromFile(imap.passFromFile));
    if (!user) throw noUser(address);
    if (password) return { user, password };
    if (token) return { user, accessToken: await token() };
    throw new SnippetError(`the mailbox user ${user} has no password`, {
      hint: 'Set SNIPPET_IMAP_PASS or SNIPPET_IMAP_PASS_FILE (or smtp.oauth2 for Microsoft 365).',
    });
  }
  if (token) {
    const user = address.user ?? smtp.SNIPPET_SMTP_USER;
    if (!user) throw noUser(address);
    return { user, accessToken: await token() };
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

function noUser(address: ImapAddress): SnippetError {
  return new SnippetError(`no user to sign in to the mailbox ${address.display} as`, {
    hint: 'Put the user in mailbox.url (imaps://USER@HOST/FOLDER) or set SNIPPET_IMAP_USER; the password goes in SNIPPET_IMAP_PASS or SNIPPET_IMAP_PASS_FILE.',
  });
}
