import { describe, expect, it } from 'vitest';
import { dateTimeProblem, formatZoned, parseDateTime, zonedToInstant } from '../../src/time/zoned-time.js';

const LONDON = 'Europe/London';

describe('zoned time', () => {
  it.each([
    ['2026-12-01T09:00', '2026-12-01T09:00:00.000Z'],
    ['2026-07-01T09:00', '2026-07-01T08:00:00.000Z'],
    ['2027-03-28T09:00', '2027-03-28T08:00:00.000Z'], // BST starts at 01:00 that day
    ['2026-10-25T09:00', '2026-10-25T09:00:00.000Z'], // BST ended at 02:00 that day
    ['2026-12-01T09:00Z', '2026-12-01T09:00:00.000Z'],
    ['2026-07-01T09:00+02:00', '2026-07-01T07:00:00.000Z'],
    ['2026-07-01 09:30:15', '2026-07-01T08:30:15.000Z'],
  ])('%s in London is %s', (text, iso) => {
    expect(parseDateTime(text, LONDON)?.toISOString()).toBe(iso);
  });

  it.each(['2026-02-30T09:00', '2026-12-01T25:00', 'tomorrow', '2026-12-01'])('rejects %s', (text) => {
    expect(parseDateTime(text, LONDON)).toBeUndefined();
  });

  it.each(['2027-01-05T09:00+25:00', '2027-01-05T09:00-14:01', '2027-01-05T09:00+0160', '2027-01-05T09:00+01:75'])(
    'rejects the impossible offset of %s',
    (text) => {
      expect(parseDateTime(text, LONDON)).toBeUndefined();
      expect(dateTimeProblem(text)).toMatch(/offset .* -14:00 to \+14:00/u);
    },
  );

  it.each(['2027-01-05T09:00+14:00', '2027-01-05T09:00-14:00', '2027-01-05T09:00+05:45', '2027-01-05T09:00Z'])('accepts the real offset of %s', (text) => {
    expect(parseDateTime(text, LONDON)).toBeInstanceOf(Date);
    expect(dateTimeProblem(text)).toBeUndefined();
  });

  it('moves a time in the spring gap forward, and takes the first of an autumn repeat', () => {
    expect(zonedToInstant({ year: 2027, month: 3, day: 28, hour: 1, minute: 30, second: 0 }, LONDON).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(zonedToInstant({ year: 2026, month: 10, day: 25, hour: 1, minute: 30, second: 0 }, LONDON).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('formats in the zone', () => {
    expect(formatZoned(new Date('2026-07-01T08:00:00Z'), LONDON)).toBe('2026-07-01 09:00');
  });
});
