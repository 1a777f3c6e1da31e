import { closesQuote } from './find-misaligned-line.js';

/**
 * The line, up to `lastIndex`, whose quoted value is still open there
 * (`subject: "Our December snippet` with no closing quote), with its key and
 * quote character; undefined when every quote opened is closed.
 */
export function findUnclosedQuote(lines: readonly string[], lastIndex: number): { index: number; key: string; quote: '"' | "'" } | undefined {
  let open: { index: number; key: string; quote: '"' | "'" } | undefined;
  for (let index = 0; index <= lastIndex && index < lines.length; index++) {
    const line = lines[index]!;
    if (open) {
      if (closesQuote(line, open.quote)) open = undefined;
      continue;
    }
    const match = /^\s*(?:-\s+)*([A-Za-z_][\w-]*):[ \t]+(["'])(.*)$/u.exec(line);
    if (!match) continue;
    const [, key, quote, rest] = match as unknown as [string, string, '"' | "'", string];
    if (!closesQuote(rest, quote)) open = { index, key, quote };
  }
  return open;
}
