import { parse } from 'csv-parse/sync';
import { hasErrors, type Problem } from '../errors.js';

export type CsvDelimiter = ',' | ';' | '\t';
export type CsvNewline = '\n' | '\r\n' | '\r';

export interface CsvRow {
  values: string[];
  /** 1-based line the record starts on (a quoted field may carry it over several lines). */
  line: number;
  /** Where the record's text starts and ends in `source` (without its line ending), for rewrites that keep it. */
  start: number;
  end: number;
}

export interface CsvRows {
  /** Header names as written. */
  header: string[];
  rows: CsvRow[];
  /** What the file uses, so that rewrites keep it. */
  delimiter: CsvDelimiter;
  /** The file's line ending, kept on rewrite. */
  newline: CsvNewline;
  /** The text without its byte-order mark; `start`/`end` point into it. */
  source: string;
  /** Whether the file began with a byte-order mark (Excel's "CSV UTF-8"), kept on rewrite. */
  bom: boolean;
  problems: Problem[];
}

const LINE_BREAK = /\r\n|\r|\n/gu;
const BLANK_LINES = /^(?:[ \t]*(?:\r\n|\r|\n))*/u;

/** A CSV file's shape: everything of CsvRows but its rows. */
export type CsvFile = Omit<CsvRows, 'rows'>;

/**
 * Pure: a CSV file's text in, rows with their line numbers out. Takes files
 * as they arrive from Excel and Outlook: a byte-order mark, `;` or tab
 * separators, CRLF or CR-only line ends, quoted fields with commas and line
 * breaks, blank lines.
 */
export function readCsvRows(text: string, file: string): CsvRows {
  const rows: CsvRow[] = [];
  const csv = eachCsvRow(text, file, (row) => rows.push(row));
  return { ...csv, rows: hasErrors(csv.problems) ? [] : rows };
}

/**
 * As readCsvRows, but hands each row to `onRow` as it is read instead of
 * keeping them all, so that a caller building something smaller from a large
 * file never holds every row at once. The header is in `header` by the time
 * the first row arrives. When the result has an error (say, an unclosed
 * quote), its header is empty and the rows already handed over must be
 * thrown away.
 *
 * Line numbers are counted here from each record's raw text rather than taken
 * from csv-parse's `info.lines`, which counts a CRLF inside a quoted field of
 * an LF file as two lines and so drifts after such a field; and a row's line
 * is where it starts, after any blank lines before it, not where the
 * previous row ended.
 */
export function eachCsvRow(text: string, file: string, onRow: (row: CsvRow, header: readonly string[]) => void): CsvFile {
  const bom = text.startsWith('\uFEFF');
  const source = bom ? text.slice(1) : text;
  const delimiter = guessDelimiter(source);
  const newline = guessNewline(source);
  const base = { delimiter, newline, source, bom };
  const warnings: Problem[] = source.includes('\uFFFD')
    ? [
        {
          severity: 'warning',
          file,
          message: 'the file has characters that are not UTF-8 (shown as �)',
          hint: 'In Excel, save with "CSV UTF-8 (Comma delimited)".',
        },
      ]
    : [];

  // Each record's extent is read from the bytes by csv-parse's byte count
  // (its own `raw` option drops the second character of a CRLF), without
  // making a string of it: a large file is read with little garbage.
  const bytes = Buffer.from(source, 'utf8');
  let header: string[] | undefined;
  let consumed = 0;
  let offset = 0;
  let line = 1;
  try {
    parse(bytes, {
      delimiter,
      relax_column_count: true,
      // A stray quote inside an unquoted field (O"Brien) is kept as written.
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record: string[], context) => {
        const extent = scanRecord(bytes, consumed, context.bytes);
        consumed = context.bytes;
        line += extent.blankLines;
        const row: CsvRow = { values: record, line, start: offset + extent.blankUnits, end: offset + extent.units - extent.endingUnits };
        line += extent.bodyLines;
        offset += extent.units;
        // `trim` keeps rows like ",,," that Excel writes for cleared cells: they are blank too.
        if (header === undefined) header = record;
        else if (record.some((value) => value !== '')) onRow(row, header);
        return null;
      },
    });
  } catch (error) {
    // The failing record starts after the last one read and any blank lines.
    const read = bytes.subarray(0, consumed).toString('utf8');
    const rest = bytes.subarray(consumed).toString('utf8');
    const at = linesIn(read) + linesIn(BLANK_LINES.exec(rest)?.[0] ?? '') + 1;
    const unclosed = (error as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED';
    return {
      ...base,
      header: [],
      problems: [
        ...warnings,
        {
          severity: 'error',
          file,
          line: at,
          message: unclosed ? 'a quote (") opened in this row is never closed' : `not a readable CSV file: ${firstLine((error as Error).message)}`,
          hint: 'Close or remove the quote; a field with a comma, semicolon or line break must be wholly in quotes. Saving from the spreadsheet as CSV UTF-8 does this.',
        },
      ],
    };
  }

  if (header === undefined) {
    return {
      ...base,
      header: [],
      problems: [
        ...warnings,
        { severity: 'error', file, line: 1, message: 'the file is empty', hint: 'The first line must name the columns, e.g. email,name,organisation,lists.' },
      ],
    };
  }
  return { ...base, header, problems: warnings };
}

/** The separator that the header line uses most, counting only outside quotes. */
export function guessDelimiter(text: string): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char] += 1;
  }
  const best = (Object.entries(counts) as Array<[CsvDelimiter, number]>).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] === 0 ? ',' : best[0];
}

function guessNewline(text: string): CsvNewline {
  const first = /\r\n|\r|\n/u.exec(text)?.[0];
  return first === '\r\n' || first === '\r' ? first : '\n';
}

/** Where a record's text lies, as counted by scanRecord. */
interface RecordExtent {
  /** Line breaks in the blank lines before the record, and their length (ASCII: bytes are UTF-16 units). */
  blankLines: number;
  blankUnits: number;
  /** Line breaks in the record itself, its final line end included. */
  bodyLines: number;
  /** The length of its final line end: 0, 1 or 2. */
  endingUnits: number;
  /** The length of the whole span in UTF-16 units, as it is in the text. */
  units: number;
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Pure: reads `bytes[from, to)`, one record with any blank lines before it,
 * as the regular expressions BLANK_LINES, LINE_BREAK and a final line end
 * would read its text. The bytes are UTF-8 made from a string, so every
 * byte that is not a continuation byte starts one UTF-16 unit, and a
 * four-byte character is two.
 */
function scanRecord(bytes: Uint8Array, from: number, to: number): RecordExtent {
  let i = from;
  let blankLines = 0;
  for (;;) {
    let j = i;
    while (j < to && (bytes[j] === 0x20 || bytes[j] === 0x09)) j++;
    if (j < to && bytes[j] === LF) j += 1;
    else if (j < to && bytes[j] === CR) j += j + 1 < to && bytes[j + 1] === LF ? 2 : 1;
    else break;
    blankLines++;
    i = j;
  }
  const blankUnits = i - from;
  let bodyLines = 0;
  let units = blankUnits;
  for (let j = i; j < to; j++) {
    const byte = bytes[j]!;
    if (byte < 0x80) {
      units++;
      if (byte === LF) bodyLines++;
      else if (byte === CR && !(j + 1 < to && bytes[j + 1] === LF)) bodyLines++;
    } else if (byte >= 0xf0) units += 2;
    else if (byte >= 0xc0) units++;
  }
  const endingUnits = to > i && bytes[to - 1] === LF ? (to - 1 > i && bytes[to - 2] === CR ? 2 : 1) : to > i && bytes[to - 1] === CR ? 1 : 0;
  return { blankLines, blankUnits, bodyLines, endingUnits, units };
}

function linesIn(text: string): number {
  return text.match(LINE_BREAK)?.length ?? 0;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}
