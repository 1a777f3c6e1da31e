import { domainToASCII } from 'node:url';

/** Why an address with a line break, < or > cannot go: it would end or split the MAIL FROM or RCPT TO it goes in. */
export const BREAKS_ENVELOPE = 'has a line break, < or > in it';

/**
 * Pure: an address as it may go in MAIL FROM or RCPT TO. One with a line
 * break, < or > never goes (BREAKS_ENVELOPE). ASCII goes as it
 * is; so does anything to a server that offers SMTPUTF8 (RFC 6531). To any
 * other server a domain beyond ASCII goes in its ASCII form (IDNA), and a
 * local part beyond ASCII cannot go at all: only its mailbox's own server
 * could say what its ASCII form would be.
 */
export function wireAddress(address: string, smtputf8: boolean): { address: string; utf8: boolean } | { problem: string } {
  if (/[\r\n<>]/u.test(address)) return { problem: BREAKS_ENVELOPE };
  if (!/[^\x20-\x7e]/u.test(address)) return { address, utf8: false };
  if (smtputf8) return { address, utf8: true };
  const at = address.lastIndexOf('@');
  const local = at < 0 ? address : address.slice(0, at);
  if (/[^\x20-\x7e]/u.test(local)) return { problem: 'has letters beyond ASCII before the @, and the mail server does not offer SMTPUTF8' };
  const domain = domainToASCII(address.slice(at + 1));
  if (domain === '') return { problem: 'has a domain that cannot be written in ASCII (IDNA)' };
  return { address: `${local}@${domain}`, utf8: false };
}

/** Pure: an address as a message shows it, on one line (a line break as \r or \n). */
export function addressOnOneLine(address: string): string {
  return JSON.stringify(address).slice(1, -1);
}
