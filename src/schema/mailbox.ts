import { domainToASCII } from 'node:url';

/** An address with an optional display name: `Name <user@example.org>`. */
export interface Mailbox {
  name?: string;
  address: string;
}

// Deliberately simple in the local part: no spaces, quotes or brackets, no
// "..". International (Unicode) local parts are allowed; SMTPUTF8 is the
// server's job. The domain is checked properly, in its ASCII (punycode) form,
// so that an international domain such as bücher.example is accepted and a
// broken one is not.
const LOCAL_PART = /^[^\s@<>()[\]\\,;:"]+$/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/u;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/u;

export function isEmailAddress(text: string): boolean {
  const at = text.lastIndexOf('@');
  if (at <= 0) return false;
  const local = text.slice(0, at);
  if (!LOCAL_PART.test(local) || local.length > 64 || local.includes('..') || local.startsWith('.') || local.endsWith('.')) return false;
  return isDomainName(text.slice(at + 1));
}

/** A mail domain of at least two labels, Unicode or ASCII. */
function isDomainName(domain: string): boolean {
  if (domain === '' || /[\s@]/u.test(domain)) return false;
  const ascii = domainToASCII(domain.normalize('NFC'));
  if (ascii === '' || ascii.length > 253) return false;
  const labels = ascii.split('.');
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && TOP_LEVEL.test(labels.at(-1)!);
}

/**
 * An address as it arrives in a spreadsheet cell, tidied: spaces trimmed, a
 * `mailto:` prefix or `Name <…>` wrapper removed, Unicode in NFC, the domain
 * lower-cased. Undefined when what is left is not an address. The local part
 * keeps its case (servers may, in theory, care); addressKey() ignores it.
 */
export function normaliseAddress(text: string): string | undefined {
  let value = text.trim().replace(/^mailto:/iu, '');
  const angled = /<([^<>]+)>\s*$/u.exec(value);
  if (angled) value = angled[1]!.trim();
  value = value.normalize('NFC');
  const at = value.lastIndexOf('@');
  if (at > 0) value = `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`;
  return isEmailAddress(value) ? value : undefined;
}

/** Parses `user@example.org` or `Display Name <user@example.org>`; undefined when invalid. */
export function parseMailbox(text: string): Mailbox | undefined {
  const trimmed = text.trim();
  const angled = /^(.*?)\s*<([^<>]+)>$/u.exec(trimmed);
  const name = angled ? angled[1]!.replace(/^"(.*)"$/u, '$1').trim() : undefined;
  const address = (angled ? angled[2]! : trimmed).trim();
  if (!isEmailAddress(address)) return undefined;
  if (name && /[\r\n]/u.test(name)) return undefined;
  return name ? { name, address } : { address };
}

export function formatMailbox(mailbox: Mailbox): string {
  return mailbox.name ? `"${mailbox.name.replace(/["\\]/gu, '')}" <${mailbox.address}>` : mailbox.address;
}
