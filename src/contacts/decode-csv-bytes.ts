import { isUtf8 } from 'node:buffer';
import type { Problem } from '../errors.js';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedCsv {
  /** The file's text; a byte-order mark is kept as U+FEFF, for readCsvRows to note and a rewrite to keep. */
  text: string;
  encoding: CsvEncoding;
  /** Doubts about the decoding (a guessed encoding, bytes that are no character), each with its line. */
  warnings: Problem[];
}

/**
 * Pure: the bytes of a CSV file in, its text out. The one decoding step for
 * every CSV the tool reads (members, suppressions, imports, form exports),
 * so that all of them take the files people actually have: Excel's "CSV
 * UTF-8" (a BOM), "Unicode Text" (UTF-16 with a BOM), plain "CSV" and
 * Outlook's exports (the Windows code page). Bytes that are not valid UTF-8
 * are read as Windows-1252, one at a time, which is what such bytes almost
 * always are in the UK: 0x92 is the ’ in O’Hare, 0x93/0x94 are “ ”, 0x96 is
 * –, 0xE1 is á. Every such reading is warned of, with its line.
 */
export function decodeCsvBytes(bytes: Uint8Array, file: string): DecodedCsv {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode('utf-16le', bytes), encoding: 'utf-16le', warnings: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode('utf-16be', bytes), encoding: 'utf-16be', warnings: [] };
  const utf16 = utf16WithoutMark(bytes);
  if (utf16 !== undefined) {
    return {
      text: decode(utf16, bytes),
      encoding: utf16,
      warnings: [
        {
          severity: 'warning',
          file,
          line: 1,
          message: `the file has no byte-order mark; it was read as ${utf16 === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'}`,
          hint: 'If names look wrong, save the file again as "CSV UTF-8 (Comma delimited)".',
        },
      ],
    };
  }
  // Nearly every file is valid UTF-8: checked natively, and decoded in one go.
  if (isUtf8(bytes)) {
    const text = decode('utf-8', bytes);
    return { text, encoding: 'utf-8', warnings: nulWarnings(text, file) };
  }
  const { text, fallback, multibyte } = decodeUtf8WithFallback(bytes);
  // Not one valid multi-byte sequence: the whole file is in the code page, not UTF-8 with a stray byte.
  const encoding = multibyte ? 'utf-8' : 'windows-1252';
  return { text, encoding, warnings: [...fallbackWarnings(text, fallback, encoding, file), ...undefinedBytes(text, file), ...nulWarnings(text, file)] };
}

/**
 * UTF-8, except that each byte which starts no valid UTF-8 sequence is read
 * as Windows-1252 on its own. One stray Windows byte (an O’Hare pasted from
 * an old export) must not turn every "Zoë" of an otherwise UTF-8 file into
 * "ZoÃ«", which a rewrite would then save for good. Returns the text, where
 * in it the fallback characters are, and whether any multi-byte UTF-8 was read.
 */
function decodeUtf8WithFallback(bytes: Uint8Array): { text: string; fallback: number[]; multibyte: boolean } {
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const parts: string[] = [];
  const fallback: number[] = [];
  let multibyte = false;
  let length = 0;
  let run = 0;
  let i = 0;
  const flush = (end: number): void => {
    if (end > run) {
      const part = utf8.decode(bytes.subarray(run, end));
      parts.push(part);
      length += part.length;
    }
  };
  while (i < bytes.length) {
    const size = sequenceLength(bytes, i);
    if (size > 0) {
      multibyte ||= size > 1;
      i += size;
      continue;
    }
    flush(i);
    fallback.push(length);
    const char = windows1252Char(bytes[i]!);
    parts.push(char);
    length += char.length;
    i += 1;
    run = i;
  }
  flush(bytes.length);
  return { text: parts.join(''), fallback, multibyte };
}

/** The length of the valid UTF-8 sequence at `i`, or 0 when none starts there (RFC 3629's table). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0x80) return 1;
  const [size, low, high] =
    lead >= 0xc2 && lead <= 0xdf
      ? [2, 0x80, 0xbf]
      : lead === 0xe0
        ? [3, 0xa0, 0xbf]
        : lead === 0xed
          ? [3, 0x80, 0x9f]
          : lead >= 0xe1 && lead <= 0xef
            ? [3, 0x80, 0xbf]
            : lead === 0xf0
              ? [4, 0x90, 0xbf]
              : lead >= 0xf1 && lead <= 0xf3
                ? [4, 0x80, 0xbf]
                : lead === 0xf4
                  ? [4, 0x80, 0x8f]
                  : [0, 0, 0];
  if (size === 0 || i + size > bytes.length) return 0;
  const second = bytes[i + 1]!;
  if (second < low || second > high) return 0;
  for (let k = 2; k < size; k += 1) {
    const next = bytes[i + k]!;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return size;
}

/** Says, with the first line, that bytes were not read as UTF-8: a rewrite saves them as UTF-8 characters, so the user should look. */
function fallbackWarnings(text: string, fallback: readonly number[], encoding: CsvEncoding, file: string): Problem[] {
  const lines = linesOf(text, fallback);
  const shown = lines.slice(0, 5).join(', ') + (lines.length > 5 ? ` and ${lines.length - 5} more` : '');
  const message =
    encoding === 'windows-1252'
      ? `the file is not UTF-8; it was read as Windows-1252 (first on line ${lines[0]!})`
      : `the file is UTF-8 except for some bytes, read as Windows-1252, on line${lines.length > 1 ? 's' : ''} ${shown}`;
  return [
    {
      severity: 'warning',
      file,
      line: lines[0]!,
      message,
      hint: 'Check the names on those lines; a rewrite of the file saves them as read. Saving it as "CSV UTF-8 (Comma delimited)" avoids the guess.',
    },
  ];
}

function decode(encoding: string, bytes: Uint8Array): string {
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/**
 * Node's TextDecoder reads 'windows-1252' as Latin-1, so 0x80-0x9F (where
 * Windows-1252 keeps ’ “ ” – € …) came out as invisible control characters:
 * "O’Hare" became "O\u0092Hare". Those 32 bytes are mapped here; the five the
 * code page leaves undefined stay as their control characters, and are warned of.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function windows1252Char(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80]! : String.fromCharCode(byte);
}

/**
 * UTF-16 saved without a byte-order mark: a CSV file is mostly ASCII, so
 * every other byte is zero. Looks at the start only; a NUL or two in a UTF-8
 * file is no such pattern. The other position may hold a few zeros too: a
 * character like Ā (U+0100) or Ѐ (U+0400) has a zero low byte.
 */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.min(256, Math.floor(bytes.length / 2));
  if (pairs < 2) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i += 1) {
    if (bytes[2 * i] === 0) evenZero += 1;
    if (bytes[2 * i + 1] === 0) oddZero += 1;
  }
  if (oddZero >= pairs * 0.7 && evenZero * 8 <= oddZero) return 'utf-16le';
  if (evenZero >= pairs * 0.7 && oddZero * 8 <= evenZero) return 'utf-16be';
  return undefined;
}

/** 0x81, 0x8D, 0x8F, 0x90 and 0x9D are no character in Windows-1252: such a file is in some other code page. */
function undefinedBytes(text: string, file: string): Problem[] {
  const at = firstLineWith(text, /[\u0081\u008d\u008f\u0090\u009d]/u);
  if (at === undefined) return [];
  return [
    {
      severity: 'warning',
      file,
      line: at,
      message: 'the file is neither UTF-8 nor Windows-1252: some characters on this line may be wrong',
      hint: 'Save the file again as "CSV UTF-8 (Comma delimited)" and check the names it holds.',
    },
  ];
}

function nulWarnings(text: string, file: string): Problem[] {
  const at = firstLineWith(text, /\0/u);
  if (at === undefined) return [];
  return [
    {
      severity: 'warning',
      file,
      line: at,
      message: 'the file holds NUL bytes: it may be a spreadsheet or a damaged file, not a CSV export',
      hint: 'Save it again from the spreadsheet as "CSV UTF-8 (Comma delimited)".',
    },
  ];
}

function firstLineWith(text: string, pattern: RegExp): number | undefined {
  const index = text.search(pattern);
  return index < 0 ? undefined : linesOf(text, [index])[0];
}

/** The distinct lines of ascending positions in `text`, in one pass (a Windows-1252 file may have thousands). */
function linesOf(text: string, positions: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (const at of positions) {
    for (let i = from; i < at; i += 1) {
      const char = text.charCodeAt(i);
      if (char === 0x0a || (char === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) line += 1;
    }
    from = at;
    if (lines[lines.length - 1] !== line) lines.push(line);
  }
  return lines;
}
