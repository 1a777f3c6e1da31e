import { isLoopback } from '../schema/is-loopback.js';

/** One `mailbox.url`: `imaps://USER@HOST[:PORT]/FOLDER`, or plain `imap://` to this computer only. */
export interface ImapAddress {
  host: string;
  port: number;
  /** Implicit TLS (imaps, port 993); plain imap only to a loopback address. */
  secure: boolean;
  /** The user in the address, if any: the sign-in name unless SNIPPET_IMAP_USER is set. */
  user: string | undefined;
  /** The folder to read, e.g. `INBOX`. */
  folder: string;
  /** The address as written, for messages (it holds no password). */
  display: string;
}

/** Pure: a `mailbox.url` read, or the reason it cannot be. */
export function parseImapAddress(text: string): ImapAddress | string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'must be an address such as imaps://snippet@nhs.scot@outlook.office365.com/INBOX';
  }
  if (url.protocol !== 'imaps:' && url.protocol !== 'imap:') return `must start with imaps:// (or imap:// to this computer), not ${url.protocol}//`;
  const host = url.hostname.replace(/^\[(.*)\]$/u, '$1');
  if (!host) return 'has no host name';
  if (url.password) return 'must not hold a password: set SNIPPET_IMAP_PASS or SNIPPET_IMAP_PASS_FILE instead';
  const secure = url.protocol === 'imaps:';
  if (!secure && !isLoopback(host)) return 'uses plain imap:// to another computer: use imaps:// so the password and the mail are encrypted';
  const folder = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/gu, '')) || 'INBOX';
  const user = url.username ? decodeURIComponent(url.username) : undefined;
  return {
    host,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user,
    folder,
    display: `${url.protocol}//${user ? `${encodeURIComponent(user)}@` : ''}${url.host}/${folder}`,
  };
}
