import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../src/config/config.js';
import { nextMeeting } from '../../src/render/next-meeting.js';
import { personalise } from '../../src/render/personalise.js';
import { render } from './fixtures.js';

const zone = 'Europe/London';
const twoMonths = { count: 2, unit: 'month' } as const;
const meetings: Meeting[] = [
  { date: '2026-11-12', time: '10:00', venue: 'Past Hall' },
  { date: '2027-02-11', time: '10:00', venue: 'Glasgow Hall', details: 'Bring **updates**.' },
  { date: '2027-05-13', venue: 'Paisley Hall' },
];

describe('nextMeeting within two months', () => {
  it.each([
    { sendAt: '2026-12-11T09:00:00Z', venue: 'Glasgow Hall', why: 'exactly two months before' },
    { sendAt: '2027-01-05T09:00:00Z', venue: 'Glasgow Hall', why: 'five weeks before' },
    { sendAt: '2027-02-11T09:00:00Z', venue: 'Glasgow Hall', why: 'the morning of the meeting, before it starts' },
    { sendAt: '2027-03-15T08:00:00Z', venue: 'Paisley Hall', why: 'the next one, without a time' },
    { sendAt: '2026-12-01T09:00:00Z', venue: undefined, why: 'more than two months before' },
    { sendAt: '2027-02-11T10:30:00Z', venue: undefined, why: 'the meeting has started; the next is three months away' },
    { sendAt: '2027-06-01T08:00:00Z', venue: undefined, why: 'none left' },
  ])('$why', ({ sendAt, venue }) => {
    expect(nextMeeting(meetings, new Date(sendAt), zone, twoMonths)?.venue).toBe(venue);
  });

  it('keeps two months within a short month: 31 December sees to 28 February', () => {
    const late = [{ date: '2027-02-28', venue: 'Hall' }];
    expect(nextMeeting(late, new Date('2026-12-31T09:00:00Z'), zone, twoMonths)?.venue).toBe('Hall');
    expect(nextMeeting([{ date: '2027-03-01', venue: 'Hall' }], new Date('2026-12-31T09:00:00Z'), zone, twoMonths)).toBeUndefined();
  });
});

describe('nextMeeting by default and in days', () => {
  it('looks four months ahead by default: 1 December sees 11 February, not 13 May', () => {
    expect(nextMeeting(meetings, new Date('2026-12-01T09:00:00Z'), zone)?.venue).toBe('Glasgow Hall');
    expect(nextMeeting(meetings.slice(2), new Date('2026-12-01T09:00:00Z'), zone)).toBeUndefined();
  });

  it('counts a window in days', () => {
    expect(nextMeeting(meetings, new Date('2027-01-01T09:00:00Z'), zone, { count: 41, unit: 'day' })?.venue).toBe('Glasgow Hall');
    expect(nextMeeting(meetings, new Date('2027-01-01T09:00:00Z'), zone, { count: 40, unit: 'day' })).toBeUndefined();
  });
});

describe('the next network meeting block', () => {
  const upcoming = { meetings: [{ date: '2027-01-14', time: '10:00', venue: 'Sample Hall, Glasgow', details: 'Bring **updates**.' }] };

  it('shows in the HTML and the text when a meeting is within the window', async () => {
    const rendered = await render({}, upcoming);
    const { html, text } = personalise(rendered, { email: 'a@example.org', unsubscribeUrl: 'https://example.org/u' });
    expect(html).toContain('Next network meeting');
    expect(html).toContain('Thursday\u00a014\u00a0January\u00a02027, 10:00');
    expect(html).toContain('<strong>updates</strong>');
    expect(text).toMatch(/NEXT NETWORK MEETING\n=+\n\nThursday 14 January 2027, 10:00\nSample Hall, Glasgow\n\nBring updates\./u);
  });

  it('is left out with meeting: false', async () => {
    const { html, text } = await render({ meeting: false }, upcoming);
    expect(html).not.toContain('Next network meeting');
    expect(text).not.toContain('NEXT NETWORK MEETING');
  });

  it('is left out when no meeting is near', async () => {
    const { html } = await render({}, { meetings: [{ date: '2027-05-11', venue: 'Hall' }] });
    expect(html).not.toContain('Next network meeting');
  });
});
