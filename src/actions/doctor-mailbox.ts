import type { Config } from '../config/config.js';
import { parseImapAddress, type ImapAddress } from '../config/imap-address.js';
import { isSnippetError } from '../errors.js';
import { openImapSource } from '../mailbox/imap-source.js';
import type { AccessTokenProvider } from '../smtp/access-token.js';
import type { DoctorCheck } from '../smtp/describe-probe.js';
import type { SmtpEnvironment } from '../smtp/smtp-settings.js';
import { mailboxSignIns, type ImapEnvironment } from './mailbox-sign-in.js';

/**
 * `snippet doctor`'s lines for the mailbox: for each mailbox.url, the
 * sign-in and the folder, by opening it as `snippet mailbox` would and
 * reading nothing. None when no mailbox is configured.
 */
export async function checkMailboxes(
  config: Config,
  imap: ImapEnvironment,
  smtp: SmtpEnvironment,
  dir: string,
  accessToken: AccessTokenProvider | undefined,
  timeoutMs?: number,
): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const signInTo = mailboxSignIns(config, imap, smtp, dir, accessToken);
  for (const url of config.mailbox.urls) {
    const address = parseImapAddress(url) as ImapAddress;
    const name = `mailbox ${address.display}`;
    try {
      const signIn = await signInTo(address);
      const source = await openImapSource(address, signIn, { processedFolder: config.mailbox.processedFolder, ca: smtp.caFromFile, timeoutMs });
      await source.close();
      checks.push({
        name,
        status: 'ok',
        detail: `signed in as ${signIn.user} (${'accessToken' in signIn ? 'XOAUTH2' : 'password'}); the folder ${address.folder} opens`,
      });
    } catch (error) {
      if (!isSnippetError(error)) throw error;
      checks.push({ name, status: 'fail', detail: error.message, ...(error.hint ? { fix: error.hint } : {}) });
    }
  }
  return checks;
}
