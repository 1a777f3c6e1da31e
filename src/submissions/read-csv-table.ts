import { decodeCsvBytes } from '../contacts/decode-csv-bytes.js';
import { readCsvRows } from '../contacts/read-csv-rows.js';
import { textCell, type FormTable } from './form-table.js';

/**
 * Pure: a CSV form export (Google Forms, a spreadsheet) as a form table,
 * decoded and split as every CSV the project reads: byte-order mark, `;`,
 * Windows-1252 and UTF-16 from Excel. Row N counts the header as row 1, as
 * the spreadsheet shows it.
 */
export function readCsvTable(bytes: Uint8Array, file: string): FormTable {
  const decoded = decodeCsvBytes(bytes, file);
  const csv = readCsvRows(decoded.text, file);
  return {
    header: csv.header,
    rows: csv.rows.map((row, index) => ({ row: index + 2, cells: row.values.map(textCell) })),
    problems: [...decoded.warnings, ...csv.problems],
  };
}
