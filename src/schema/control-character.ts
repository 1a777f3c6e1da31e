/**
 * C0 and C1 control characters and DEL. They are invisible, and in a
 * subject or a name they go into the message's headers as they are (an ESC
 * or a NUL there breaks mail clients); none is legitimate in a single-line
 * field, not even a tab.
 */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Tab, LF and CR: whitespace the header writer turns into spaces (a spreadsheet cell may hold line breaks). */
const WHITESPACE = new Set([0x09, 0x0a, 0x0d]);

const NAMES: Record<number, string> = { 0: 'NUL', 7: 'BEL', 8: 'BS', 9: 'TAB', 10: 'LF', 13: 'CR', 27: 'ESC', 127: 'DEL' };

/** The first control character in `text`, described (`U+001B ESC`), or undefined when there is none. */
export function controlCharacter(text: string, options: { allowWhitespace?: boolean } = {}): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isControl(code) || (options.allowWhitespace && WHITESPACE.has(code))) continue;
    const name = NAMES[code];
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}${name ? ` ${name}` : ''}`;
  }
  return undefined;
}

/** What to do about one, for a hint: C1 characters are nearly always Windows-1252 text read the wrong way. */
export function controlCharacterHint(text: string): string {
  const c1 = [...text].some((char) => char.charCodeAt(0) >= 0x80 && char.charCodeAt(0) <= 0x9f);
  return c1
    ? 'Retype the text: U+0080 to U+009F are what Windows-1252 punctuation (’ “ ” –) becomes when read the wrong way.'
    : 'Retype the text: control characters are invisible, often pasted from another program, and break email headers.';
}
