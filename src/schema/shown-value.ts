/** How much of a value a message quotes: enough to recognise it, never a whole pasted document. */
export const SHOWN_VALUE_LENGTH = 80;

/**
 * A value as a message may quote it: control characters (ESC, CR, a
 * vertical tab) shown as `\u{1b}`-style escapes so that none reaches the
 * terminal, and cut to SHOWN_VALUE_LENGTH characters with the full length
 * said, so that a pasted megabyte prints as one line.
 */
export function shownValue(text: string, max = SHOWN_VALUE_LENGTH): string {
  const chars = [...text];
  const cut = chars.length > max;
  const shown = (cut ? chars.slice(0, max) : chars)
    .map((char) => (isControl(char.codePointAt(0)!) ? `\\u{${char.codePointAt(0)!.toString(16)}}` : char))
    .join('');
  return cut ? `${shown}… (${chars.length.toLocaleString('en-GB')} characters)` : shown;
}

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
