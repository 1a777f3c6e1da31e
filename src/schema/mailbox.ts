/** An address with an optional display name: `Name <user@example.org>`. */
export interface Mailbox {
  name?: string;
  address: string;
}

// Deliberately simple: one @, no spaces, a dot in the domain. International
// (Unicode) local parts and domains are allowed; SMTPUTF8 is the server's job.
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

export function isEmailAddress(text: string): boolean {
  return ADDRESS.test(text) && !text.includes('..');
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
