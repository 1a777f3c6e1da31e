import { domainToASCII } from 'node:url';

/**
 * The `.eml` file an address gets in an outbox. One file per mailbox and
 * never two mailboxes in one file: the domain in its ASCII (punycode) form,
 * so both spellings of an international domain name the same file, and any
 * other character of the local part percent-encoded (`%` itself included),
 * so `anna@bücher.example` and `anna@bächer.example` no longer both become
 * `anna@b_cher.example.eml`.
 */
export function outboxFileName(address: string): string {
  const at = address.lastIndexOf('@');
  const local = at < 0 ? address : address.slice(0, at);
  const written = at < 0 ? '' : address.slice(at + 1);
  const domain = domainToASCII(written) || written.toLowerCase();
  return `${encode(local)}@${encode(domain)}.eml`;
}

function encode(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9._+-]/u.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}
