import { ImapFlow, type FetchMessageObject } from 'imapflow';
import { SnippetError } from '../errors.js';
import { LARGEST_MESSAGE } from './file-source.js';
import type { ImapAddress } from '../config/imap-address.js';
import type { MailSource, SourceMessage } from './mail-source.js';

/** How snippet signs in: a password, or an OAuth2 access token (XOAUTH2). */
export type ImapSignIn = { user: string; password: string } | { user: string; accessToken: string };

export interface ImapSourceOptions {
  /** The processed folder, `/`-separated as in the config; the server's own separator is used on the wire. */
  processedFolder: string;
  /** Extra trusted certificate authorities (PEM), as for SMTP. */
  ca?: string;
  /** How long to wait for the server to answer at all. */
  timeoutMs?: number;
}

/**
 * The only code that speaks IMAP (with imapflow). Messages are read with
 * BODY.PEEK, so no flag changes; the only change ever made is moving a
 * report that was acted on to the processed folder (created when missing).
 * Nothing is deleted or expunged by hand: MOVE is one command on servers
 * that have it, and imapflow's copy-then-delete only where they do not.
 */
export async function openImapSource(address: ImapAddress, signIn: ImapSignIn, options: ImapSourceOptions): Promise<MailSource> {
  const client = new ImapFlow({
    host: address.host,
    port: address.port,
    secure: address.secure,
    doSTARTTLS: address.secure ? undefined : false,
    auth: 'accessToken' in signIn ? { user: signIn.user, accessToken: signIn.accessToken } : { user: signIn.user, pass: signIn.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: options.timeoutMs ?? 30_000,
    greetingTimeout: options.timeoutMs ?? 16_000,
    socketTimeout: 5 * 60_000,
    ...(options.ca ? { tls: { ca: options.ca } } : {}),
  });
  // Errors come back from the commands; an 'error' event with no listener would end the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw connectionProblem(address, error);
  }
  try {
    await client.mailboxOpen(address.folder);
  } catch (error) {
    await client.logout().catch(() => client.close());
    throw folderProblem(address, error);
  }
  let processedReady = false;
  const processed = options.processedFolder.split('/').filter(Boolean);
  const move = async (uid: number): Promise<void> => {
    if (!processedReady) {
      await client.mailboxCreate(processed).catch((error: { serverResponseCode?: string; responseText?: string }) => {
        if (error.serverResponseCode !== 'ALREADYEXISTS' && !/exists/iu.test(error.responseText ?? '')) throw error;
      });
      processedReady = true;
    }
    const moved = await client.messageMove(String(uid), processed, { uid: true });
    // imapflow answers false, not an error, when the connection is lost during the command.
    if (moved === false && !client.usable) throw connectionProblem(address, Object.assign(new Error('the connection was lost'), { code: 'NoConnection' }));
    if (moved === false)
      throw new SnippetError(`could not move ${address.folder}:${uid} to ${options.processedFolder}`, {
        hint: 'It stays in the inbox; the next run moves it.',
      });
  };
  return {
    label: address.display,
    async *messages(since) {
      let listed: FetchMessageObject[];
      try {
        const uids = await client.search(since ? { since } : { all: true }, { uid: true });
        listed =
          uids && uids.length > 0 ? await client.fetchAll(uids.join(','), { uid: true, envelope: true, internalDate: true, size: true }, { uid: true }) : [];
      } catch (error) {
        throw connectionProblem(address, error);
      }
      for (const entry of listed.sort((a, b) => a.uid - b.uid)) {
        const uid = entry.uid;
        yield {
          source: `${address.folder}:${uid}`,
          messageId: entry.envelope?.messageId?.replace(/^<|>$/gu, '') || undefined,
          arrived: entry.internalDate === undefined ? undefined : new Date(entry.internalDate),
          load: async () => {
            if ((entry.size ?? 0) > LARGEST_MESSAGE)
              throw new SnippetError(`${address.folder}:${uid} is ${Math.round((entry.size ?? 0) / 1024 / 1024)} MB, larger than any report: not read`);
            const fetched = await client.fetchOne(String(uid), { source: true }, { uid: true }).catch((error: unknown) => {
              throw connectionProblem(address, error);
            });
            if (fetched === false || !fetched.source)
              throw new SnippetError(`${address.folder}:${uid} is gone: another program moved or deleted it during the run`);
            return fetched.source;
          },
          moveToProcessed: () =>
            move(uid).catch((error: unknown) => {
              throw error instanceof SnippetError ? error : connectionProblem(address, error);
            }),
        } satisfies SourceMessage;
      }
    },
    async close() {
      await client.logout().catch(() => client.close());
    },
  };
}

/** Whether an error from imapflow is the server refusing the sign-in. */
function refusedSignIn(error: unknown): boolean {
  const e = error as { authenticationFailed?: boolean; serverResponseCode?: string; responseText?: string };
  return e.authenticationFailed === true || e.serverResponseCode === 'AUTHENTICATIONFAILED' || /authenticat/iu.test(e.responseText ?? '');
}

/** Cannot reach or talk to the server: try again later (exit 75); a refused sign-in is the user's to fix. */
export function connectionProblem(address: ImapAddress, error: unknown): SnippetError {
  if (error instanceof SnippetError) return error;
  if (refusedSignIn(error)) {
    return new SnippetError(`the IMAP server ${address.host} refused the sign-in`, {
      hint: 'Check SNIPPET_IMAP_USER and SNIPPET_IMAP_PASS (or the SMTP sign-in it falls back to); with Microsoft 365 the app needs IMAP.AccessAsApp and access to the mailbox.',
    });
  }
  const code = (error as { code?: string }).code;
  const why = code && /^E[A-Z]+$|_TIMEOUT$|^NoConnection$/u.test(code) ? code : ((error as Error).message ?? String(error)).split('\n')[0];
  return new SnippetError(`cannot reach the IMAP server ${address.host}:${address.port} (${why})`, {
    kind: 'tempfail',
    hint: 'Check the network and mailbox.url in snippet.config.yaml; what was read so far is recorded, and the next run carries on.',
    cause: error,
  });
}

function folderProblem(address: ImapAddress, error: unknown): SnippetError {
  const response = (error as { responseText?: string }).responseText;
  if (response === undefined) return connectionProblem(address, error);
  return new SnippetError(`the folder ${address.folder} cannot be opened on ${address.host}: ${response}`, {
    hint: 'Check the folder at the end of mailbox.url in snippet.config.yaml (e.g. /INBOX).',
  });
}
