import { parse } from 'csv-parse/sync';
import type { Problem } from '../errors.js';

export interface CsvRows {
  /** Header names as written. */
  header: string[];
  rows: Array<{ values: string[]; line: number }>;
  /** `,` or `;`: what the file uses, so that rewrites keep it. */
  delimiter: ',' | ';';
  /** The file's line ending, kept on rewrite. */
  newline: '\n' | '\r\n';
  problems: Problem[];
}

/**
 * Pure: a CSV file's text in, rows with their line numbers out. Takes files
 * as they arrive from Excel and Outlook: a byte-order mark, `;` separators,
 * CRLF line ends, quoted fields with commas and line breaks, blank lines.
 */
export function readCsvRows(text: string, file: string): CsvRows {
  const source = text.replace(/^\uFEFF/u, '');
  const delimiter = guessDelimiter(source);
  const newline = /\r\n/u.test(source) ? '\r\n' : '\n';
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(source, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      header: [], rows: [], delimiter, newline,
      problems: [{
        severity: 'error', file, ...(line !== undefined ? { line } : {}),
        message: `not a readable CSV file: ${firstLine((error as Error).message)}`,
        hint: 'Check for a quote (") that is opened but never closed; save the file from the spreadsheet as CSV UTF-8.',
      }],
    };
  }
  const [head, ...body] = records;
  if (!head) return { header: [], rows: [], delimiter, newline, problems: [{ severity: 'error', file, line: 1, message: 'the file is empty', hint: 'The first line must name the columns, e.g. email,name,organisation,lists.' }] };
  // `info.lines` is the line a record ends on; a record that spans lines starts earlier.
  let start = head.info.lines + 1;
  const rows = body
    .map(({ record, info }) => {
      const row = { values: record, line: start };
      start = info.lines + 1;
      return row;
    })
    .filter((row) => row.values.some((value) => value !== ''));
  return { header: head.record, rows, delimiter, newline, problems: [] };
}

function guessDelimiter(text: string): ',' | ';' {
  const headerLine = text.split(/\r?\n/u, 1)[0] ?? '';
  return (headerLine.match(/;/gu)?.length ?? 0) > (headerLine.match(/,/gu)?.length ?? 0) ? ';' : ',';
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}
