/**
 * Whether an address (already a valid one) is a plain one: its local part is
 * letters, digits and `. _ % + ' -`, starting with a letter, digit or `_`.
 * RFC 5321 allows more (`=`, `|`, `!`…), but no member's address needs it,
 * and an address like `=cmd|'/Ccalc'!A0@example.org` is a spreadsheet
 * formula waiting for members.csv or suppressions.csv to be opened in Excel.
 */
export function isPlainAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  return at > 0 && /^[\p{L}\p{N}_][\p{L}\p{N}\p{M}._%+'-]*$/u.test(address.slice(0, at));
}

export const NOT_PLAIN_HINT = 'Only letters, digits and . _ % + \' - are accepted before the @, starting with a letter or digit: other characters can make a spreadsheet run the cell as a formula. Check the address with the person.';
