import ExcelJS from 'exceljs';
import type { Problem } from '../errors.js';
import type { FormCell, FormRow, FormTable } from './form-table.js';
import { unpackedSize } from './unpacked-size.js';

type CellValue = ExcelJS.CellValue;

/**
 * The most a workbook may unpack to. A Microsoft Forms export of a thousand
 * responses unpacks to a few MB; reading takes some ten times its unpacked
 * size in memory, so this keeps a read well under a gigabyte.
 */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/** Excel's own limit on the characters in one cell: a longer one was not made by Excel or a form. */
export const MAX_CELL_CHARACTERS = 32_767;

const EMPTY: FormCell = { text: '' };

/**
 * A workbook's first sheet as a form table. Microsoft Forms writes one sheet:
 * a header row of questions, then one row per response, its own columns
 * (times) as date cells. Reading is in memory; nothing touches the disk.
 */
export async function readXlsxTable(bytes: Uint8Array, file: string): Promise<FormTable> {
  const size = unpackedSize(bytes);
  if (size !== undefined && size > MAX_UNPACKED_BYTES) {
    const mb = (bytes: number): string => `${Math.ceil(bytes / (1024 * 1024))} MB`;
    return refused(
      file,
      `the workbook is too big to read: it unpacks to ${mb(size)}, and snippet reads at most ${mb(MAX_UNPACKED_BYTES)}`,
      'A form export of a thousand responses unpacks to a few MB. Download the responses again, or open the workbook in Excel, delete what is not a response and save it as CSV UTF-8.',
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return {
      header: [],
      rows: [],
      problems: [
        {
          severity: 'error',
          file,
          message: 'not an Excel workbook (.xlsx) that can be read',
          hint: 'Download the responses again (Microsoft Forms: "Open results in Excel"), or save the spreadsheet as .xlsx or CSV UTF-8.',
        },
      ],
    };
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (!sheet) return { header: [], rows: [], problems: [{ severity: 'error', file, message: 'the workbook has no responses: every sheet is empty' }] };

  // The columns are those with a heading: never the sheet's dimension or a styled empty cell far to the right (XFD1).
  const headings = new Map<number, string>();
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, column) => {
    const text = formCell(cell.value).text.trim();
    if (text !== '') headings.set(column, text);
  });
  const problems: Problem[] = [];
  const tooLong = (cell: FormCell, row: number, column: number): boolean => {
    if (cell.text.length <= MAX_CELL_CHARACTERS || problems.length > 0) return cell.text.length > MAX_CELL_CHARACTERS;
    problems.push({
      severity: 'error',
      file,
      line: row,
      message: `row ${row}, column ${columnName(column)}: a cell of ${cell.text.length.toLocaleString('en-GB')} characters, more than Excel's ${MAX_CELL_CHARACTERS.toLocaleString('en-GB')}`,
      hint: 'The workbook was not saved by Excel or a form. Download the responses again from the form.',
    });
    return true;
  };
  const width = Math.max(0, ...headings.keys());
  const header = Array.from({ length: width }, (_, index) => headings.get(index + 1) ?? '');
  for (const [column, text] of headings) tooLong({ text }, 1, column);
  const rows: FormRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1 || problems.length > 0) return;
    const cells: FormCell[] = [];
    for (const column of headings.keys()) cells[column - 1] = EMPTY;
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (!headings.has(column)) return;
      const value = formCell(cell.value);
      if (!tooLong(value, number, column)) cells[column - 1] = value;
    });
    if (cells.some((cell) => cell.text.trim() !== '')) rows.push({ row: number, cells });
  });
  return problems.length > 0 ? { header: [], rows: [], problems } : { header, rows, problems: [] };
}

function refused(file: string, message: string, hint: string): FormTable {
  return { header: [], rows: [], problems: [{ severity: 'error', file, message, hint }] };
}

/** A column as Excel names it: 1 is A, 27 is AA, 16384 is XFD. */
function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function formCell(value: CellValue): FormCell {
  if (value === null || value === undefined) return { text: '' };
  // A date cell holding NaN or 1e308 is no date: Excel shows it as #####, and so do the messages.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { text: '#####' } : { text: value.toISOString(), date: value };
  if (typeof value === 'number') return { text: String(value), number: value };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if ('richText' in value) return { text: value.richText.map((run) => run.text).join('') };
  if ('hyperlink' in value) {
    const text = typeof value.text === 'string' ? value.text : formCell(value.text).text;
    return { text: text.trim() === '' ? value.hyperlink : text };
  }
  if ('result' in value) return formCell(value.result);
  return { text: '' };
}
