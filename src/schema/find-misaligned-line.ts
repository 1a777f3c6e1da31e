export interface MisalignedLine {
  /** 0-based line index of the misaligned line. */
  index: number;
  /** What the line starts with, e.g. `source:` or `- title:`. */
  key: string;
  indent: number;
  /**
   * The nearest content line above it, for the hint: its key without a
   * leading "- " and the column that key starts at (a "- title:" at 2 spaces
   * gives `title:` at 4, the column a field of that item lines up with).
   */
  above: { index: number; key: string; column: number };
}

interface ContentLine {
  index: number;
  indent: number;
  content: string;
}

/**
 * The first line up to `lastIndex` whose indentation matches none of the
 * blocks open above it: the usual cause of a YAML syntax error in a
 * hand-written file. Block scalars (`summary: >-`), plain values continued on
 * the next lines, multi-line quoted values and comments are skipped; a line
 * that cannot be judged (a tab) gives up rather than guess.
 */
export function findMisalignedLine(lines: readonly string[], lastIndex: number): MisalignedLine | undefined {
  // Columns a line may start at: every block still open above it.
  const open: number[] = [0];
  let opensBlock = true;
  let scalarKeyColumn: number | undefined;
  let blockScalarColumn: number | undefined;
  let inQuote: '"' | "'" | undefined;
  let previous: ContentLine | undefined;

  for (let index = 0; index <= lastIndex && index < lines.length; index++) {
    const raw = lines[index]!;
    if (inQuote) {
      if (closesQuote(raw, inQuote)) inQuote = undefined;
      continue;
    }
    const trimmed = raw.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (/^ *\t/u.test(raw)) return undefined;
    const indent = raw.length - trimmed.length;
    if (blockScalarColumn !== undefined) {
      if (indent > blockScalarColumn) continue;
      blockScalarColumn = undefined;
    }

    if (opensBlock && indent > open.at(-1)!) {
      open.push(indent);
    } else if (!open.includes(indent)) {
      const isContinuation = scalarKeyColumn !== undefined && indent > scalarKeyColumn && !looksLikeKey(trimmed);
      if (isContinuation) continue;
      if (!previous) return undefined;
      const dashes = /^(-[ \t]+)*/u.exec(previous.content)![0];
      const above = { index: previous.index, key: keyOf(previous.content.slice(dashes.length)), column: previous.indent + dashes.length };
      return { index, key: keyOf(trimmed), indent, above };
    } else {
      while (open.at(-1)! > indent) open.pop();
    }
    previous = { index, indent, content: trimmed };

    // What this line opens for the lines after it.
    let column = indent;
    let rest = trimmed;
    const dash = /^(-[ \t]+)+/u.exec(rest);
    if (dash) {
      column += dash[0].length;
      rest = rest.slice(dash[0].length);
      if (column > open.at(-1)!) open.push(column);
    }
    opensBlock = false;
    scalarKeyColumn = undefined;
    if (rest === '' || rest === '-') {
      opensBlock = true;
      continue;
    }
    const keyValue = /^(?:"[^"]*"|'[^']*'|[^\s#'"[{][^:#]*?):(?:[ \t]+(.*))?$/u.exec(rest);
    const value = keyValue ? (keyValue[1] ?? '').replace(/(^|[ \t])#.*$/u, '').trim() : rest;
    if (keyValue && value === '') {
      opensBlock = true;
    } else if (/^[|>][-+0-9]*$/u.test(value)) {
      blockScalarColumn = column;
    } else {
      scalarKeyColumn = column;
      const quote = value[0];
      if ((quote === '"' || quote === "'") && !closesQuote(value.slice(1), quote)) inQuote = quote;
    }
  }
  return undefined;
}

function looksLikeKey(text: string): boolean {
  return /^(-[ \t]+)*[^\s#'"[{][^:#]*:([ \t]|$)/u.test(text);
}

function keyOf(text: string): string {
  const match = /^(-[ \t]+)*[^:]*:/u.exec(text);
  return match ? match[0] : text.slice(0, 20);
}

/** Whether `text` holds the quote that closes a value opened with `quote`. */
export function closesQuote(text: string, quote: '"' | "'"): boolean {
  const body = quote === '"' ? text.replace(/\\./gu, '') : text.replace(/''/gu, '');
  return body.includes(quote);
}
