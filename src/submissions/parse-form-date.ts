import { isIsoDate } from '../time/zoned-time.js';
import type { CellResult, FormCell } from './form-table.js';
import { shownValue } from '../schema/shown-value.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Excel's day 0 is 1899-12-30 (it counts 1900 as a leap year). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const HINT = 'Dates are read as the form tools write them: a date cell, 21/01/2027 or 2027-01-21.';

/**
 * Pure: a date answer as `YYYY-MM-DD`. Takes an Excel date cell (Microsoft
 * Forms), day/month/year as a UK spreadsheet writes it (Google Forms),
 * `2027-01-21`, and `21 January 2027`.
 */
export function parseFormDate(cell: FormCell): CellResult<string> {
  if (cell.date) return { value: isoDate(cell.date.getUTCFullYear(), cell.date.getUTCMonth() + 1, cell.date.getUTCDate()) };
  // A date typed into a spreadsheet that lost its date format is a day count.
  if (cell.number !== undefined && Number.isInteger(cell.number) && cell.number > 20_000 && cell.number < 80_000) {
    const date = new Date(EXCEL_EPOCH + cell.number * DAY_MS);
    return { value: isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()) };
  }
  const text = cell.text.trim();
  const found = fromText(text);
  if (found !== undefined && isIsoDate(found)) return { value: found };
  return { error: `"${shownValue(text)}" is not a date`, hint: HINT };
}

function fromText(text: string): string | undefined {
  // A time after the date (a Google Forms "date and time" answer) is not part of it.
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?$/u.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const uk = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?: [\d:.]+)?$/u.exec(text);
  if (uk) return isoDate(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  const named = /^(?:[a-z]+,? )?(\d{1,2})(?:st|nd|rd|th)? ([a-z]+),? (\d{4})$/iu.exec(text);
  if (named) {
    const month = monthNumber(named[2]!);
    if (month !== undefined) return isoDate(Number(named[3]), month, Number(named[1]));
  }
  return undefined;
}

function monthNumber(word: string): number | undefined {
  const lower = word.toLowerCase();
  // "Jan", "Sept" and "January" are January; "Ma" could be March or May.
  if (lower.length < 3) return undefined;
  const index = MONTHS.findIndex((month) => month.startsWith(lower));
  return index < 0 ? undefined : index + 1;
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
