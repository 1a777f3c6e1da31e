import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../src/contacts/decode-csv-bytes.js';

const TEXT = 'email,name,organisation\nsiobhan@example.org,Siobhan O’Hare,Barnardo’s Nurture\nmags@example.org,Margaret “Mags” Doyle,Home–Start\n';

function windows1252(text: string): Uint8Array {
  const table: Record<string, number> = { '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, á: 0xe1 };
  return Uint8Array.from([...text].map((char) => table[char] ?? char.charCodeAt(0)));
}

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le');
  if (order === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

describe('decodeCsvBytes', () => {
  it('reads Windows-1252 punctuation from an Outlook export right (regression: 0x92 became a control character)', () => {
    const decoded = decodeCsvBytes(windows1252(TEXT), 'outlook.csv');
    expect(decoded.text).toBe(TEXT);
    expect(decoded.encoding).toBe('windows-1252');
  });

  it('reads UTF-8 with and without a byte-order mark, keeping the mark for rewrites', () => {
    expect(decodeCsvBytes(Buffer.from(TEXT), 'a.csv')).toEqual({ text: TEXT, encoding: 'utf-8', warnings: [] });
    expect(decodeCsvBytes(Buffer.from(`\uFEFF${TEXT}`), 'a.csv')).toEqual({ text: `\uFEFF${TEXT}`, encoding: 'utf-8', warnings: [] });
  });

  it('reads UTF-16 LE and BE with a byte-order mark', () => {
    expect(decodeCsvBytes(utf16(TEXT, 'le', true), 'a.csv')).toEqual({ text: `\uFEFF${TEXT}`, encoding: 'utf-16le', warnings: [] });
    expect(decodeCsvBytes(utf16(TEXT, 'be', true), 'a.csv')).toEqual({ text: `\uFEFF${TEXT}`, encoding: 'utf-16be', warnings: [] });
  });

  it('reads UTF-16 without a byte-order mark, with a warning that it guessed', () => {
    const decoded = decodeCsvBytes(utf16(TEXT, 'le', false), 'a.csv');
    expect(decoded.text).toBe(TEXT);
    expect(decoded.warnings).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'a.csv', line: 1, message: expect.stringMatching(/no byte-order mark; it was read as UTF-16 LE/u) }),
    ]);
    expect(decodeCsvBytes(utf16(TEXT, 'be', false), 'a.csv').text).toBe(TEXT);
  });

  it('warns, with the line, about bytes that are no character in Windows-1252 and about NUL bytes', () => {
    const bytes = Uint8Array.from([...Buffer.from('email\na@example.org\nb@example.org,'), 0x81, 0x0a]);
    expect(decodeCsvBytes(bytes, 'a.csv').warnings).toContainEqual(
      expect.objectContaining({ line: 3, message: expect.stringMatching(/neither UTF-8 nor Windows-1252/u) }),
    );
    expect(decodeCsvBytes(Buffer.from('email\na@example.org\0\n'), 'a.csv').warnings).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/NUL bytes/u) }),
    ]);
  });
});

describe('decodeCsvBytes on files that mix encodings', () => {
  it('reads one stray Windows-1252 byte as such and the rest as UTF-8, and says on which line (regression: one byte garbled every name)', () => {
    const bytes = Buffer.concat([
      Buffer.from('email,name\nzoe@example.org,Zoë McIntyre\n'),
      Buffer.from([...Buffer.from('oh@example.org,Sinead O'), 0x92, ...Buffer.from('Hare\n')]),
    ]);
    const decoded = decodeCsvBytes(bytes, 'members.csv');
    expect(decoded.text).toBe('email,name\nzoe@example.org,Zoë McIntyre\noh@example.org,Sinead O’Hare\n');
    expect(decoded.warnings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: 'members.csv',
        line: 3,
        message: expect.stringMatching(/UTF-8 except for some bytes, read as Windows-1252, on line 3/u),
      }),
    ]);
  });

  it('warns, with the first line, when a whole file was read as Windows-1252 (regression: read without a word)', () => {
    const decoded = decodeCsvBytes(windows1252(TEXT), 'outlook.csv');
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.warnings).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/not UTF-8; it was read as Windows-1252/u) })]);
  });

  it('guesses UTF-16 without a byte-order mark when a character has a zero low byte (regression: Ā defeated the guess)', () => {
    const text = 'email,name\nana@example.org,Ānanda Ѐrin\n';
    expect(decodeCsvBytes(utf16(text, 'le', false), 'a.csv').text).toBe(text);
    expect(decodeCsvBytes(utf16(text, 'be', false), 'a.csv').text).toBe(text);
  });
});
