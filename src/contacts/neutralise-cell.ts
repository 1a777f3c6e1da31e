/**
 * Whether a spreadsheet would read a CSV cell as a formula: one that starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's CSV injection
 * rule).
 */
export function startsLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/u.test(value);
}

/**
 * A CSV cell as it is safe to open in a spreadsheet: one that starts like a
 * formula gets a leading apostrophe, which Excel and LibreOffice show as
 * "this is text" and do not display.
 */
export function neutraliseCell(value: string): string {
  return startsLikeFormula(value) ? `'${value}` : value;
}
