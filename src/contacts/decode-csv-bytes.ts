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
 * are read as Windows-1252, which is what such a file almost always is in the
 * UK: 0x92 is the ’ in O’Hare, 0x93/0x94 are “ ”, 0x96 is –, 0xE1 is á.
 */
export function decodeCsvBytes(bytes: Uint8Array, file: string): DecodedCsv {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode('utf-16le', bytes), encoding: 'utf-16le', warnings: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode('utf-16be', bytes), encoding: 'utf-16be', warnings: [] };
  const utf16 = utf16WithoutMark(bytes);
  if (utf16 !== undefined) {
    return {
      text: decode(utf16, bytes),
      encoding: utf16,
      warnings: [{ severity: 'warning', file, line: 1, message: `the file has no byte-order mark; it was read as ${utf16 === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'}`, hint: 'If names look wrong, save the file again as "CSV UTF-8 (Comma delimited)".' }],
    };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, encoding: 'utf-8', warnings: nulWarnings(text, file) };
  } catch {
    const text = decodeWindows1252(bytes);
    return { text, encoding: 'windows-1252', warnings: [...undefinedBytes(text, file), ...nulWarnings(text, file)] };
  }
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

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/gu, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]!);
}

/**
 * UTF-16 saved without a byte-order mark: a CSV file is mostly ASCII, so
 * every other byte is zero. Looks at the start only; a NUL or two in a UTF-8
 * file is no such pattern.
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
  if (oddZero >= pairs * 0.9 && evenZero === 0) return 'utf-16le';
  if (evenZero >= pairs * 0.9 && oddZero === 0) return 'utf-16be';
  return undefined;
}

/** 0x81, 0x8D, 0x8F, 0x90 and 0x9D are no character in Windows-1252: such a file is in some other code page. */
function undefinedBytes(text: string, file: string): Problem[] {
  const at = firstLineWith(text, /[\u0081\u008d\u008f\u0090\u009d]/u);
  if (at === undefined) return [];
  return [{ severity: 'warning', file, line: at, message: 'the file is neither UTF-8 nor Windows-1252: some characters on this line may be wrong', hint: 'Save the file again as "CSV UTF-8 (Comma delimited)" and check the names it holds.' }];
}

function nulWarnings(text: string, file: string): Problem[] {
  const at = firstLineWith(text, /\0/u);
  if (at === undefined) return [];
  return [{ severity: 'warning', file, line: at, message: 'the file holds NUL bytes: it may be a spreadsheet or a damaged file, not a CSV export', hint: 'Save it again from the spreadsheet as "CSV UTF-8 (Comma delimited)".' }];
}

function firstLineWith(text: string, pattern: RegExp): number | undefined {
  const index = text.search(pattern);
  if (index < 0) return undefined;
  return (text.slice(0, index).match(/\r\n|\r|\n/gu)?.length ?? 0) + 1;
}
