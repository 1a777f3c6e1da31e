import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readCsvTable } from '../../src/submissions/read-csv-table.js';
import { readXlsxTable } from '../../src/submissions/read-xlsx-table.js';

async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('Sheet1'));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('readXlsxTable', () => {
  it('reads text, date, number, rich-text, hyperlink and formula cells, numbering rows as Excel does and skipping empty ones', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['Completion time', { richText: [{ text: 'Ti' }, { text: 'tle' }] }, 'Link', 'Cost', 'Date']);
      sheet.addRow([
        new Date(Date.UTC(2026, 10, 20, 9, 30, 15)),
        'A course',
        { text: 'our page', hyperlink: 'https://example.org/a' },
        25,
        { formula: 'DATE(2027,1,21)', result: new Date(Date.UTC(2027, 0, 21)) },
      ]);
      sheet.addRow([]);
      sheet.addRow([undefined, 'Linked', { text: 'https://example.org/b', hyperlink: 'https://example.org/b' }]);
    });
    const table = await readXlsxTable(bytes, 'responses.xlsx');
    expect(table.problems).toEqual([]);
    expect(table.header).toEqual(['Completion time', 'Title', 'Link', 'Cost', 'Date']);
    expect(table.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(table.rows[0]!.cells).toEqual([
      { text: '2026-11-20T09:30:15.000Z', date: new Date(Date.UTC(2026, 10, 20, 9, 30, 15)) },
      { text: 'A course' },
      { text: 'our page' },
      { text: '25', number: 25 },
      { text: '2027-01-21T00:00:00.000Z', date: new Date(Date.UTC(2027, 0, 21)) },
    ]);
    expect(table.rows[1]!.cells[2]).toEqual({ text: 'https://example.org/b' });
  });

  it('says a file that is not a workbook cannot be read', async () => {
    const table = await readXlsxTable(new TextEncoder().encode('PK but not a zip'), 'broken.xlsx');
    expect(table.problems).toMatchObject([{ severity: 'error', file: 'broken.xlsx', message: 'not an Excel workbook (.xlsx) that can be read' }]);
  });
});

describe('readCsvTable', () => {
  it('reads Excel\'s "Unicode Text" (UTF-16 with a byte-order mark, tab-separated)', () => {
    const text = '\uFEFFWhat are you sharing?\tTitle\r\nNews\tCafé opens\r\n';
    const bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
    const table = readCsvTable(bytes, 'unicode.txt');
    expect(table.header).toEqual(['What are you sharing?', 'Title']);
    expect(table.rows).toEqual([{ row: 2, cells: [{ text: 'News' }, { text: 'Café opens' }] }]);
  });

  it('counts rows as the spreadsheet shows them, a summary over several lines being one row', () => {
    const table = readCsvTable(new TextEncoder().encode('Title,Summary\nA,"one\ntwo"\nB,three\n'), 'form.csv');
    expect(table.rows.map((r) => [r.row, r.cells[0]!.text])).toEqual([
      [2, 'A'],
      [3, 'B'],
    ]);
  });
});
