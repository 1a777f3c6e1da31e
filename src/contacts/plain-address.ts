import { startsLikeFormula } from './neutralise-cell.js';

/**
 * Whether an address (already a valid one) is safe to keep in the contacts
 * files: RFC 5321 allows `&`, `/`, `=`, `|`… in the local part, and members
 * have such addresses (mary&john@, team/visits@), so only what a spreadsheet
 * would run is refused: a local part starting with `=`, `+`, `-` or `@`
 * (`=cmd|'/Ccalc'!A0@example.org`), or holding a tab, a line break or another
 * control character. An address cannot be neutralised with an apostrophe as
 * other cells are (neutraliseCell): that would change the address.
 */
export function isPlainAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  const local = address.slice(0, at);
  return !startsLikeFormula(local) && !/\p{Cc}/u.test(local);
}

export const NOT_PLAIN_HINT =
  'An address may not start with = + - or @ before the @, nor hold a tab or line break: a spreadsheet would run the cell as a formula. Check the address with the person.';
