import ExcelJS from 'exceljs';
import type { FormCell, FormRow, FormTable } from './form-table.js';

type CellValue = ExcelJS.CellValue;

/**
 * A workbook's first sheet as a form table. Microsoft Forms writes one sheet:
 * a header row of questions, then one row per response, its own columns
 * (times) as date cells. Reading is in memory; nothing touches the disk.
 */
export async function readXlsxTable(bytes: Uint8Array, file: string): Promise<FormTable> {
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

  const width = sheet.columnCount;
  const cellsOf = (row: ExcelJS.Row): FormCell[] => Array.from({ length: width }, (_, index) => formCell(row.getCell(index + 1).value));
  const header = cellsOf(sheet.getRow(1)).map((cell) => cell.text.trim());
  const rows: FormRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = cellsOf(row);
    if (cells.some((cell) => cell.text.trim() !== '')) rows.push({ row: number, cells });
  });
  return { header, rows, problems: [] };
}

function formCell(value: CellValue): FormCell {
  if (value === null || value === undefined) return { text: '' };
  if (value instanceof Date) return { text: value.toISOString(), date: value };
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
