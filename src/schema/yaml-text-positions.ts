import type { Pair, Scalar } from 'yaml';

/**
 * Pure offsets in a YAML text, for edits that rewrite only the lines they
 * change (the issue files and organisations.yaml both keep every other byte).
 * Offsets are into the whole text; `source` is the same text.
 */

/** Where a pair's text ends: after its value, or after its key when it has none. */
export function pairEnd(pair: Pair): number {
  const value = pair.value as { range?: [number, number, number] } | null;
  return value?.range ? value.range[1] : (pair.key as Scalar).range![1];
}

/** The end of a node's text, before any line break or trailing blank lines it holds. */
export function contentEnd(source: string, offset: number): number {
  let end = offset;
  while (end > 0 && /[\r\n \t]/u.test(source[end - 1]!)) end -= 1;
  return end;
}

/** The start of the line that holds `offset`. */
export function lineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** Just after the line break that ends the line holding `offset` (the text's end on the last line). */
export function lineEnd(source: string, offset: number): number {
  const next = source.indexOf('\n', offset);
  return next < 0 ? source.length : next + 1;
}

/** How far `offset` is from the start of its line. */
export function columnOf(source: string, offset: number): number {
  return offset - lineStart(source, offset);
}

/** Text the yaml package wrote at column 0, its lines after the first indented to sit under a key at `column`, joined by `newline`. */
export function indentUnder(text: string, column: number, newline: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : ' '.repeat(column) + line))
    .join(newline);
}
