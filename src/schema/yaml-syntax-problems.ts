import type { YAMLError } from 'yaml';
import type { Problem } from '../errors.js';
import { findMisalignedLine } from './find-misaligned-line.js';
import { findUnclosedQuote } from './find-unclosed-quote.js';

/**
 * One syntax mistake makes the yaml parser report several errors (one
 * misaligned space gave seven), in its own terms. A coordinator needs the one
 * mistake, in plain words, at its line: so every duplicate key stays its own
 * problem, and everything else becomes a single problem, diagnosed from the
 * text up to the first error.
 *
 * `lineOfOffset` turns an offset in `text` into a 0-based line of `text`;
 * `firstLine` is the file line of the text's first line.
 */
export function yamlSyntaxProblems(
  text: string,
  errors: readonly YAMLError[],
  file: string,
  firstLine: number,
  lineOfOffset: (offset: number) => number,
): Problem[] {
  const problems: Problem[] = [];
  const at = (index: number): number => index + firstLine;
  for (const error of errors.filter((e) => e.code === 'DUPLICATE_KEY')) {
    problems.push({
      severity: 'error',
      file,
      line: at(lineOfOffset(error.pos[0])),
      message: `YAML syntax: ${firstSentence(error.message)}`,
      hint: 'Each key may appear once; remove or rename one of them.',
    });
  }
  const others = errors.filter((e) => e.code !== 'DUPLICATE_KEY').sort((a, b) => a.pos[0] - b.pos[0]);
  const first = others[0];
  if (first === undefined) return problems;

  const lines = text.split('\n');
  const errorLine = lineOfOffset(first.pos[0]);
  // The parser finds a missing closing quote only at the end of the text; the mistake is where the quote opened.
  const unclosed = first.message.startsWith('Missing closing') ? findUnclosedQuote(lines, errorLine) : undefined;
  if (unclosed) {
    problems.push({
      severity: 'error',
      file,
      line: at(unclosed.index),
      message: `the quote that starts this ${unclosed.key} is never closed`,
      hint: `End the value with a closing ${unclosed.quote} on the same line, or remove the opening ${unclosed.quote}.`,
    });
    return problems;
  }
  if (first.code !== 'TAB_AS_INDENT') {
    // The errors of the first line end at the token they tripped over, which may be the misaligned line itself.
    const lastLine = Math.max(...others.filter((e) => lineOfOffset(e.pos[0]) === errorLine).map((e) => lineOfOffset(e.pos[1])));
    const misaligned = findMisalignedLine(lines, lastLine);
    if (misaligned) {
      const spaces = (n: number): string => `${n} space${n === 1 ? '' : 's'}`;
      problems.push({
        severity: 'error',
        file,
        line: at(misaligned.index),
        message: `"${misaligned.key}" is indented ${spaces(misaligned.indent)}, out of line with the lines above it`,
        hint: `Indent it ${spaces(misaligned.above.column)}, in line with "${misaligned.above.key}" on line ${at(misaligned.above.index)}, using spaces.`,
      });
      return problems;
    }
    const quote = unquotedColon(lines[errorLine] ?? '');
    if (quote) {
      problems.push({
        severity: 'error',
        file,
        line: at(errorLine),
        message: `put this ${quote.key} in quotes: it contains ": "`,
        hint: `Write it as ${quote.key}: ${quoted(quote.value)}`,
      });
      return problems;
    }
  }
  problems.push({ severity: 'error', file, line: at(errorLine), message: `YAML syntax: ${firstSentence(first.message)}`, hint: yamlHint(first.code) });
  return problems;
}

/** `title: Research: what helps` → the key and the value that needs quotes. */
function unquotedColon(line: string): { key: string; value: string } | undefined {
  const match = /^\s*(?:-\s+)?([A-Za-z_][\w-]*):[ \t]+(.+?)\s*$/u.exec(line);
  if (!match) return undefined;
  const [, key, value] = match as unknown as [string, string, string];
  if (/^["'[{|>&*!]/u.test(value) || !value.includes(': ')) return undefined;
  return { key, value };
}

function quoted(value: string): string {
  return `"${value.replace(/\\/gu, '\\\\').replace(/"/gu, '\\"')}"`;
}

/** A yaml error's first line, without the position the problem's line already gives. */
export function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/u, '');
}

function yamlHint(code: string): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'Check the indentation: list items start with "- " and keys line up under each other.';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'A value containing ": " must be in quotes.';
    case 'TAB_AS_INDENT':
      return 'YAML indentation must use spaces, not tabs.';
    default:
      return 'Put text containing ":", "#" or starting with a quote or bracket in quotes.';
  }
}
