import { describe, expect, it } from 'vitest';
import { parseFormDate } from '../../src/submissions/parse-form-date.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

describe('parseFormDate, the edges', () => {
  it.each(MONTHS.map((name, index) => [name, index + 1] as const))('reads %s by its name and by its first three letters', (name, month) => {
    const iso = `2027-${String(month).padStart(2, '0')}-03`;
    expect(parseFormDate({ text: `3 ${name} 2027` })).toEqual({ value: iso });
    expect(parseFormDate({ text: `3 ${name.slice(0, 3)} 2027` })).toEqual({ value: iso });
    expect(parseFormDate({ text: `Monday 3rd ${name.toUpperCase()}, 2027` })).toEqual({ value: iso });
  });

  it.each(['3 Ma 2027', '3 Juxy 2027', '3 Decembers 2027'])('does not guess a month from %s', (text) => {
    expect(parseFormDate({ text })).toMatchObject({ error: `"${text}" is not a date` });
  });

  it('reads a day count only between 20,001 and 79,999, and only whole', () => {
    expect(parseFormDate({ text: '20001', number: 20_001 })).toEqual({ value: '1954-10-04' });
    expect(parseFormDate({ text: '79999', number: 79_999 })).toEqual({ value: '2119-01-10' });
    for (const number of [20_000, 80_000, 46_408.5, 12]) {
      expect(parseFormDate({ text: String(number), number }), String(number)).toMatchObject({ error: `"${number}" is not a date` });
    }
  });

  it('reads a date with a time after it, and the spaces around it, but nothing else around it', () => {
    expect(parseFormDate({ text: '  2027-01-21 14:30  ' })).toEqual({ value: '2027-01-21' });
    expect(parseFormDate({ text: '2027-01-21T14:30:00.000' })).toEqual({ value: '2027-01-21' });
    expect(parseFormDate({ text: '21.01.2027 09:05' })).toEqual({ value: '2027-01-21' });
    for (const text of [
      'from 2027-01-21',
      '2027-01-21 onwards',
      'on 21/01/2027',
      '21/01/2027 onwards',
      'from the 21 January 2027',
      '21 January 2027 onwards',
    ]) {
      expect(parseFormDate({ text }), text).toMatchObject({ error: `"${text}" is not a date` });
    }
  });
});
