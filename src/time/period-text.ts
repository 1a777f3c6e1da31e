import type { Period } from '../config/config.js';

/** `12 months`, `1 year`, `6 weeks`, `90 days` (also `12m`? no: m is minutes elsewhere, so months and years are spelled out). */
export function parsePeriodText(text: string): Period | undefined {
  const match = /^\s*(\d{1,4})\s*(days?|d|weeks?|w|months?|years?|y)\s*$/iu.exec(text);
  if (!match) return undefined;
  const count = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  if (unit.startsWith('mo')) return { count, unit: 'month' };
  if (unit.startsWith('y')) return { count: count * 12, unit: 'month' };
  if (unit.startsWith('w')) return { count: count * 7, unit: 'day' };
  return { count, unit: 'day' };
}

/** The day `period` before `isoDate` (`YYYY-MM-DD`); a month that lacks the day ends on its last day (29 February → 28 February). */
export function dateBefore(isoDate: string, period: Period): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  if (period.unit === 'day') return new Date(Date.UTC(year, month - 1, day - period.count)).toISOString().slice(0, 10);
  const months = year * 12 + (month - 1) - period.count;
  const lastDay = new Date(Date.UTC(Math.floor(months / 12), (months % 12) + 1, 0)).getUTCDate();
  return new Date(Date.UTC(Math.floor(months / 12), months % 12, Math.min(day, lastDay))).toISOString().slice(0, 10);
}
