import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';

export type Answer = string | number | Date | undefined;

/** The columns Microsoft Forms puts before the questions, in its order. */
const MICROSOFT_FORMS_COLUMNS = ['Id', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time'];

/**
 * A workbook laid out as Microsoft Forms' "Open results in Excel" download:
 * one sheet, its own columns first (times as date cells, Email and Name
 * "anonymous"), then one column per question, one row per response.
 */
export async function writeMicrosoftFormsXlsx(path: string, questions: readonly string[], responses: ReadonlyArray<Record<string, Answer>>): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow([...MICROSOFT_FORMS_COLUMNS, ...questions]);
  responses.forEach((answers, index) => {
    const sent = new Date(Date.UTC(2026, 10, 20 + index, 9, 30 + index, 15));
    sheet.addRow([index + 1, new Date(sent.getTime() - 300_000), sent, 'anonymous', 'anonymous', undefined, ...questions.map((q) => answers[q])]);
  });
  for (const column of [2, 3]) sheet.getColumn(column).numFmt = 'm/d/yy h:mm:ss';
  questions.forEach((question, index) => {
    if (/date|deadline/iu.test(question)) sheet.getColumn(MICROSOFT_FORMS_COLUMNS.length + index + 1).numFmt = 'dd/mm/yyyy';
  });
  await writeFile(path, Buffer.from(await workbook.xlsx.writeBuffer()));
}

/**
 * A Google Forms responses download (Sheets, File > Download > CSV in a UK
 * spreadsheet): Timestamp and Email Address first, dates as 21/01/2027,
 * fields quoted where they hold a comma, a quote or a line break.
 */
export function googleFormsCsv(questions: readonly string[], responses: ReadonlyArray<Record<string, string>>, newline = '\r\n'): string {
  const field = (value: string): string => (/[",\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value);
  const lines = [['Timestamp', 'Email Address', ...questions].map(field).join(',')];
  responses.forEach((answers, index) => {
    lines.push([`2${index}/11/2026 10:1${index}:05`, '', ...questions.map((q) => answers[q] ?? '')].map(field).join(','));
  });
  return lines.join(newline) + newline;
}

/** Text as Excel's plain "CSV" writes it in the UK: Windows-1252, one byte a character. */
export function windows1252(text: string): Buffer {
  const bytes: number[] = [];
  const high: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (high[char] !== undefined) bytes.push(high[char]);
    else if (code < 0x100) bytes.push(code);
    else throw new Error(`${char} is not in Windows-1252`);
  }
  return Buffer.from(bytes);
}
