/**
 * A CSV cell as it is safe to open in a spreadsheet: one that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula
 * (OWASP's CSV injection rule), so it gets a leading apostrophe, which Excel
 * and LibreOffice show as "this is text" and do not display.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
}
