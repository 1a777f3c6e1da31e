import { describe, expect, it } from 'vitest';
import { guessDelimiter, readCsvRows } from '../../src/contacts/read-csv-rows.js';
import { isEmailAddress, normaliseAddress } from '../../src/schema/mailbox.js';

describe('readCsvRows', () => {
  it('numbers a row after blank lines by where it is (regression: counted from the previous row)', () => {
    const csv = readCsvRows('email\na@example.org\n\n\nb@example.org\n', 'm.csv');
    expect(csv.rows.map((row) => row.line)).toEqual([2, 5]);
  });

  it('numbers rows after a CRLF inside a quoted field of an LF file (regression: csv-parse counts two lines)', () => {
    const csv = readCsvRows('email,name\na@example.org,"x\r\ny"\nb@example.org,B\n', 'm.csv');
    expect(csv.rows.map((row) => row.line)).toEqual([2, 4]);
  });

  it('gives each row its place in the text, without blank lines or its line end', () => {
    const text = '\uFEFFemail,name\r\n\r\na@example.org,"A\r\nB"\r\nb@example.org,B';
    const csv = readCsvRows(text, 'm.csv');
    expect(csv.bom).toBe(true);
    expect(csv.rows.map((row) => csv.source.slice(row.start, row.end))).toEqual(['a@example.org,"A\r\nB"', 'b@example.org,B']);
  });

  it.each(['\n', '\r\n', '\r'])('places and numbers rows of any script after blank lines of spaces (line end %j)', (eol) => {
    const text = ['email,name', ' \t', 'zoë@example.org,"Zoë 🌷', 'O’Hare"', '🌷@example.org,A', '  ', '', 'c@example.org,Ção'].join(eol) + eol;
    const csv = readCsvRows(text, 'm.csv');
    expect(csv.rows.map((row) => csv.source.slice(row.start, row.end))).toEqual([
      `zoë@example.org,"Zoë 🌷${eol}O’Hare"`,
      '🌷@example.org,A',
      'c@example.org,Ção',
    ]);
    expect(csv.rows.map((row) => row.line)).toEqual([3, 5, 8]);
  });

  it('points an unclosed quote at the row that opens it, after blank lines', () => {
    const csv = readCsvRows('email,name\na@example.org,A\n\n"b@example.org,B\nc@example.org,C\n', 'm.csv');
    expect(csv.problems).toEqual([expect.objectContaining({ severity: 'error', line: 4 })]);
  });

  it('warns about text that was not UTF-8', () => {
    expect(readCsvRows('email,name\na@example.org,Siobh\uFFFDn\n', 'm.csv').problems).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('not UTF-8') }),
    ]);
  });
});

describe('guessDelimiter', () => {
  it('counts separators outside quotes only', () => {
    expect(guessDelimiter('"Name, full";"E-mail, work";"Org"\n')).toBe(';');
    expect(guessDelimiter('"a;b",c,d\n')).toBe(',');
    expect(guessDelimiter('email\tname\n')).toBe('\t');
    expect(guessDelimiter('email\n')).toBe(',');
  });
});

describe('addresses', () => {
  it('accepts international domains and rejects broken ones', () => {
    expect(isEmailAddress('anna@bücher.example')).toBe(true);
    expect(isEmailAddress('info@例え.テスト')).toBe(true);
    expect(isEmailAddress('x@xn--bcher-kva.example')).toBe(true);
    expect(isEmailAddress('x@bü cher.example')).toBe(false);
    expect(isEmailAddress('x@example.c')).toBe(false);
    expect(isEmailAddress('x@example.123')).toBe(false);
    expect(isEmailAddress('.x@example.org')).toBe(false);
    expect(isEmailAddress(`${'x'.repeat(65)}@example.org`)).toBe(false);
  });

  it('normalises what spreadsheets hold', () => {
    expect(normaliseAddress('  Jo@EXAMPLE.Org ')).toBe('Jo@example.org');
    expect(normaliseAddress('mailto:jo@example.org')).toBe('jo@example.org');
    expect(normaliseAddress('"Jo Bloggs" <jo@example.org>')).toBe('jo@example.org');
    expect(normaliseAddress('anna@BÜCHER.example')).toBe('anna@bücher.example');
    expect(normaliseAddress('not an address')).toBeUndefined();
  });
});
