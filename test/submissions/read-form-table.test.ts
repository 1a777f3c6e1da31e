import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readCsvTable } from '../../src/submissions/read-csv-table.js';
import { MAX_UNPACKED_BYTES, readXlsxTable } from '../../src/submissions/read-xlsx-table.js';

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

/** A zip holding one entry that deflates `unpacked` bytes of spaces: small on disk, as a hostile workbook is. */
function zipOf(name: string, unpacked: number): Uint8Array {
  const data = deflateRawSync(Buffer.alloc(unpacked, 0x20), { level: 9 });
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(unpacked, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(unpacked, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const directoryAt = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return new Uint8Array(Buffer.concat([local, nameBytes, data, central, nameBytes, end]));
}

describe('readXlsxTable within bounds', () => {
  it('reads only the columns with a heading (regression: a note in XFD1 made every row 16,384 cells wide and ran out of heap)', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['Id', 'What are you sharing?', 'Title']);
      for (let index = 1; index <= 1_000; index++) sheet.addRow([index, 'News', `Item ${index}`]);
      // A note on an empty, formatted cell at the sheet's last column, as a stray click in Excel leaves.
      sheet.getCell('XFD1').note = 'checked';
      sheet.getCell('XFD1').font = { bold: true };
    });
    expect(bytes.length).toBeLessThan(40_000);
    const table = await readXlsxTable(bytes, 'responses.xlsx');
    expect(table.problems).toEqual([]);
    expect(table.header).toEqual(['Id', 'What are you sharing?', 'Title']);
    expect(table.rows).toHaveLength(1_000);
    expect(table.rows.every((row) => row.cells.length === 3)).toBe(true);
    expect(table.rows[999]!.cells[2]).toEqual({ text: 'Item 1000' });
  });

  it('refuses, in one line, a cell longer than Excel allows (regression: one shared 1 MB string printed 629 MB)', async () => {
    const huge = 'x'.repeat(1024 * 1024);
    const bytes = await workbook((sheet) => {
      sheet.addRow(['What are you sharing?', 'Title', 'Date']);
      for (let index = 0; index < 50; index++) sheet.addRow(['Training or event', 'A course', huge]);
    });
    const table = await readXlsxTable(bytes, 'responses.xlsx');
    expect(table.problems).toEqual([
      {
        severity: 'error',
        file: 'responses.xlsx',
        line: 2,
        message: "row 2, column C: a cell of 1,048,576 characters, more than Excel's 32,767",
        hint: 'The workbook was not saved by Excel or a form. Download the responses again from the form.',
      },
    ]);
  });

  it('refuses a workbook that would unpack to more than it may, before reading it', async () => {
    const bytes = zipOf('xl/worksheets/sheet1.xml', MAX_UNPACKED_BYTES + 1024 * 1024);
    expect(bytes.length).toBeLessThan(200_000);
    const table = await readXlsxTable(bytes, 'bomb.xlsx');
    expect(table.problems).toMatchObject([
      { severity: 'error', file: 'bomb.xlsx', message: 'the workbook is too big to read: it unpacks to 65 MB, and snippet reads at most 64 MB' },
    ]);
  });
});

describe('readXlsxTable with impossible dates', () => {
  it('reads a date cell holding NaN or 1e308 as text, never an internal error (regression: "Invalid time value")', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['What are you sharing?', 'Date']);
      sheet.addRow(['Research', Number.NaN]);
      sheet.addRow(['Research', 1e308]);
      sheet.getColumn(2).numFmt = 'dd/mm/yyyy';
    });
    const table = await readXlsxTable(bytes, 'responses.xlsx');
    expect(table.problems).toEqual([]);
    expect(table.rows.map((row) => row.cells[1]?.text)).toEqual(['#####', '#####']);
  });
});
