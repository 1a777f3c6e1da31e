const SEPARATOR = ' · ';

/**
 * Tidies the plain-text part: lines longer than `width` break at spaces,
 * continuing at the same indent. A line of facts joined by " · " (an item's
 * meta line) breaks between facts first, so a date stays on one line. A word
 * longer than the line (a URL) is never broken, so it stays clickable, and a
 * short last word is not left alone (a postcode stays whole). A run joined
 * by no-break spaces (a date) is one word, and its no-break spaces become
 * ordinary ones. Runs of blank lines left by omitted sections collapse to one.
 */
export function wrapText(text: string, width = 78): string {
  const lines = text
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .flatMap((line) => wrapLine(line.trimEnd(), width));
  return `${lines
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .replace(/^\n+|\s+$/gu, '')
    .replace(/\u00a0/gu, ' ')}\n`;
}

function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = /^\s*/u.exec(line)?.[0] ?? '';
  const body = line.slice(indent.length);
  const room = Math.max(width - indent.length, 1);
  const out = body.includes(SEPARATOR) ? wrapFacts(body.split(SEPARATOR), room) : wrapWords(body.split(/ +/u), room, ' ');
  return out.map((part) => indent + part);
}

function wrapFacts(facts: string[], width: number): string[] {
  const mark = SEPARATOR.trimEnd();
  const joined = wrapWords(facts, width - mark.length, SEPARATOR);
  // The separator stays at the end of the line, so the reader knows more follows.
  return joined.flatMap((line, index) => {
    const withMark = index < joined.length - 1 ? `${line}${mark}` : line;
    return withMark.length <= width ? [withMark] : wrapWords(withMark.split(/ +/u), width, ' ');
  });
}

function wrapWords(words: string[], width: number, glue: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const word of words) {
    if (current.length > 0 && [...current, word].join(glue).length > width) {
      out.push(current.join(glue));
      current = [];
    }
    current.push(word);
  }
  // Do not leave a short word alone on the last line.
  const previous = out.at(-1);
  if (glue === ' ' && previous !== undefined && current.length === 1 && (current[0]?.length ?? 0) <= 4) {
    const words = previous.split(' ');
    if (words.length > 1) {
      out[out.length - 1] = words.slice(0, -1).join(' ');
      current.unshift(words.at(-1) ?? '');
    }
  }
  if (current.length > 0) out.push(current.join(glue));
  return out;
}
