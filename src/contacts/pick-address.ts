import type { Problem } from '../errors.js';
import { normaliseAddress } from '../schema/mailbox.js';
import { isPlainAddress, NOT_PLAIN_HINT } from './plain-address.js';

/** Outlook's "E-mail 2 Address" and "E-mail 3 Address", Google's "E-mail 2 - Value": where a contact's other addresses are. */
const ALTERNATE_ADDRESS = /^e-?mail [23](?: address| - value)$/u;

export function isAlternateAddressColumn(header: string): boolean {
  return ALTERNATE_ADDRESS.test(
    header
      .trim()
      .toLowerCase()
      .replace(/[_\s]+/gu, ' '),
  );
}

/** An Exchange-internal (X.500 / legacyExchangeDN) address, as Outlook exports people in the organisation's address book. */
const EXCHANGE_ADDRESS = /^(?:ex:)?\/o=/iu;

export type PickedAddress = { email: string; problem?: undefined } | { email?: undefined; problem: Pick<Problem, 'message' | 'hint'> };

/** The row's address: the first column's, or else the first usable of the others (Outlook's second and third). */
export function pickAddress(first: string | undefined, others: readonly string[]): PickedAddress {
  const email = first === undefined ? undefined : normaliseAddress(first);
  if (email !== undefined && isPlainAddress(email)) return { email };
  if (email !== undefined) return { problem: { message: `"${first}" is not a plain email address`, hint: NOT_PLAIN_HINT } };
  if (first !== undefined && !EXCHANGE_ADDRESS.test(first))
    return { problem: { message: `"${first}" is not an email address`, hint: 'Correct the address or delete the row.' } };
  for (const other of others) {
    const alternate = normaliseAddress(other);
    if (alternate !== undefined && isPlainAddress(alternate)) return { email: alternate };
  }
  if (first !== undefined) {
    return {
      problem: {
        message: `"${first}" is an Exchange (X.500) address: Outlook's name for someone in your organisation's address book, not an email address`,
        hint: 'Mail needs their SMTP address (name@…). In Outlook, open the contact and copy the email address it shows into the row; for many contacts, export them from the Global Address List, or ask IT for an export with SMTP addresses, and import that.',
      },
    };
  }
  const written = others.find((other) => other !== '');
  if (written !== undefined) return { problem: { message: `"${written}" is not an email address`, hint: 'Correct the address or delete the row.' } };
  return { problem: { message: 'the email address is missing', hint: 'Fill it in or delete the row.' } };
}
