import { describe, expect, it } from 'vitest';
import { firstWorkingDay } from '../../src/time/first-working-day.js';

describe('firstWorkingDay', () => {
  it.each([
    { month: '2026-11', day: 2, why: '1 November is a Sunday' },
    { month: '2026-12', day: 1, why: 'a Tuesday' },
    { month: '2027-01', day: 5, why: '1 January is a Friday; 2 January, a Saturday, moves to Monday 4' },
    { month: '2022-01', day: 5, why: '1 January is a Saturday: Monday 3 and Tuesday 4 are holidays' },
    { month: '2023-01', day: 4, why: '1 January is a Sunday: Monday 2 and Tuesday 3 are holidays' },
    { month: '2026-01', day: 5, why: 'Thursday 1 and Friday 2 are holidays' },
    { month: '2024-01', day: 3, why: 'Monday 1 and Tuesday 2 are holidays' },
    { month: '2027-05', day: 4, why: 'the early May bank holiday is Monday 3' },
    { month: '2026-05', day: 1, why: 'Friday 1 May; the holiday is Monday 4' },
    { month: '2027-08', day: 3, why: 'the Scottish summer holiday is Monday 2 August' },
    { month: '2024-12', day: 3, why: "St Andrew's Day was a Saturday: Monday 2 December is its substitute" },
    { month: '2025-12', day: 2, why: "St Andrew's Day was a Sunday: Monday 1 December is its substitute" },
    { month: '2027-03', day: 1, why: 'a Monday' },
    { month: '2027-10', day: 1, why: 'a Friday' },
  ])('$month: day $day ($why)', ({ month, day }) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    expect(firstWorkingDay(y, m)).toBe(day);
  });
});
