import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../src/config/config.js';
import type { FundingItem, TrainingItem } from '../../src/issue/issue.js';
import { isClosingSoon, keyDates, type KeyDatesInput } from '../../src/render/key-dates.js';

/** Sent on Tuesday 1 December 2026; six weeks later is Tuesday 12 January 2027. */
const url = 'https://example.org/item';
const course = (title: string, fields: Partial<TrainingItem> = {}): TrainingItem => ({ title, url, ...fields });
const fund = (title: string, deadline: string): FundingItem => ({ title, url, deadline });

function dates(input: Partial<KeyDatesInput>) {
  return keyDates({ sendDay: '2026-12-01', training: [], funding: [], meeting: undefined, language: 'en-GB', ...input });
}

/** One line per entry, as a member scans the list: "date | what (then): title | closing soon". */
function lines(input: Partial<KeyDatesInput>): string[] {
  return dates(input).map(
    (entry) =>
      `${entry.date.replace(/\u00a0/gu, ' ')} | ${entry.what}${entry.then === null ? '' : ` (${entry.then.replace(/\u00a0/gu, ' ')})`}: ${entry.title}${entry.closingSoon ? ' | soon' : ''}`,
  );
}

describe('keyDates', () => {
  it('listed a course twice, at its booking deadline and at its date: once, at the deadline, with both dates', () => {
    const entries = dates({ training: [course('Workshop', { date: '2026-12-21', deadline: '2026-12-08' })] });
    expect(entries).toEqual([
      {
        date: 'Tuesday\u00a08\u00a0December',
        what: 'Booking closes',
        title: 'Workshop',
        url,
        then: 'training on Monday\u00a021\u00a0December',
        closingSoon: true,
      },
    ]);
  });

  it('names the day a course runs even when that day is beyond six weeks', () => {
    expect(lines({ training: [course('Workshop', { date: '2027-01-14', deadline: '2026-12-18' })] })).toEqual([
      'Friday 18 December | Booking closes (training on Thursday 14 January): Workshop',
    ]);
  });

  it('says how a course over several days, or on its booking day, runs', () => {
    expect(
      lines({
        training: [
          course('Residential', { date: '2026-12-10', endDate: '2026-12-11', deadline: '2026-12-03' }),
          course('Drop-in', { date: '2026-12-15', deadline: '2026-12-15' }),
          course('Week', { date: '2026-12-21', endDate: '2026-12-25' }),
        ],
      }),
    ).toEqual([
      'Thursday 3 December | Booking closes (training from Thursday 10 December): Residential | soon',
      'Tuesday 15 December | Booking closes (training the same day): Drop-in | soon',
      'Monday 21 December | Training starts: Week',
    ]);
  });

  it('lists a course at its date when its booking deadline has passed, is absent or makes no sense', () => {
    expect(
      lines({
        training: [
          course('Booking closed', { date: '2026-12-09', deadline: '2026-11-30' }),
          course('No booking', { date: '2026-12-10' }),
          // A deadline after the course itself: the course is the date to know.
          course('Late deadline', { date: '2026-12-11', deadline: '2026-12-20' }),
          course('Deadline only', { deadline: '2026-12-12' }),
        ],
      }),
    ).toEqual([
      'Wednesday 9 December | Training: Booking closed',
      'Thursday 10 December | Training: No booking',
      'Friday 11 December | Training: Late deadline',
      'Saturday 12 December | Booking closes: Deadline only | soon',
    ]);
  });

  it('puts the soonest first, whatever the order of the issue', () => {
    const training = [course('January course', { date: '2027-01-05' }), course('December course', { date: '2026-12-20', deadline: '2026-12-02' })];
    const funding = [fund('Late fund', '2027-01-12'), fund('Early fund', '2026-12-01'), fund('Middle fund', '2026-12-16')];
    const meeting = { meeting: { date: '2026-12-09', venue: 'Hall' }, calendarUrl: null };
    const expected = [
      'Tuesday 1 December | Funding closes: Early fund | soon',
      'Wednesday 2 December | Booking closes (training on Sunday 20 December): December course | soon',
      'Wednesday 9 December | Network meeting: Hall',
      'Wednesday 16 December | Funding closes: Middle fund',
      'Tuesday 5 January | Training: January course',
      'Tuesday 12 January | Funding closes: Late fund',
    ];
    expect(lines({ training, funding, meeting })).toEqual(expected);
    expect(lines({ training: [...training].reverse(), funding: [...funding].reverse(), meeting })).toEqual(expected);
  });

  it('on the same day, puts what closes before what happens: funding, booking, training, then the meeting', () => {
    const day = '2026-12-10';
    const expected = [
      'Thursday 10 December | Funding closes: Fund A | soon',
      'Thursday 10 December | Funding closes: Fund B | soon',
      'Thursday 10 December | Booking closes (training on Friday 18 December): Booked | soon',
      'Thursday 10 December | Training: Course',
      'Thursday 10 December | Network meeting: Online',
    ];
    const training = [course('Course', { date: day }), course('Booked', { date: '2026-12-18', deadline: day })];
    const meeting = { meeting: { date: day, link: 'https://example.org/join' }, calendarUrl: null };
    expect(lines({ training, funding: [fund('Fund A', day), fund('Fund B', day)], meeting })).toEqual(expected);
    // Entries of the same day and kind keep the issue's order.
    expect(lines({ training: [...training].reverse(), funding: [fund('Fund B', day), fund('Fund A', day)], meeting })).toEqual([
      expected[1],
      expected[0],
      ...expected.slice(2),
    ]);
  });

  it('looks from the send date to six weeks after it: nothing before or after, no rolling fund, no undated course', () => {
    const meeting = { meeting: { date: '2027-02-11', venue: 'Hall' }, calendarUrl: null };
    expect(
      lines({
        training: [course('Past', { date: '2026-11-20' }), course('Seven weeks', { date: '2027-01-19' }), course('Undated')],
        meeting,
        funding: [
          fund('Yesterday', '2026-11-30'),
          fund('Send day', '2026-12-01'),
          fund('Day 14', '2026-12-15'),
          fund('Day 15', '2026-12-16'),
          fund('Day 42', '2027-01-12'),
          fund('Day 43', '2027-01-13'),
          fund('Rolling', 'rolling'),
        ],
      }),
    ).toEqual([
      'Tuesday 1 December | Funding closes: Send day | soon',
      'Tuesday 15 December | Funding closes: Day 14 | soon',
      'Wednesday 16 December | Funding closes: Day 15',
      'Tuesday 12 January | Funding closes: Day 42',
    ]);
  });

  it('marks "closing soon" a deadline from the send date to 14 days after it, never a rolling fund or a day that is no date', () => {
    const soon = (deadline: string | undefined) => isClosingSoon('2026-12-01', deadline);
    expect([undefined, 'rolling', 'not a date', '2026-11-30', '2026-12-01', '2026-12-15', '2026-12-16'].map(soon)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      false,
    ]);
  });

  it('links the meeting to its calendar file, else its joining link, and names its venue or says it is online', () => {
    const at = (meeting: Meeting, calendarUrl: string | null) => dates({ meeting: { meeting, calendarUrl } })[0];
    expect(at({ date: '2026-12-09', venue: 'Hall', link: 'https://example.org/join' }, 'https://example.org/m.ics')).toMatchObject({
      title: 'Hall',
      url: 'https://example.org/m.ics',
    });
    expect(at({ date: '2026-12-09', link: 'https://example.org/join' }, null)).toMatchObject({ title: 'Online', url: 'https://example.org/join' });
    expect(at({ date: '2026-12-09', venue: 'Hall' }, null)).toMatchObject({ title: 'Hall', url: null, closingSoon: false });
  });
});
