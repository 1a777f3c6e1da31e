import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { eventCalendar } from '../../src/site/event-calendar.js';
import { SITE_NOW } from '../support/site-workspace.js';
import { useBuiltSite } from './site-output.js';

const site = useBuiltSite();

function vevent(name: string): ICAL.Event {
  const text = site.get(name);
  if (text === undefined) throw new Error(`no ${name} in the site`);
  return new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
}

describe("What's on", () => {
  it('lists exactly the upcoming training and meetings, soonest first, each with its calendar file', () => {
    const page = site.get('events/index.html')!;
    const titles = [...page.matchAll(/<h2 class="event-title">(?:<a [^>]*>)?([^<]+)/gu)].map((match) => match[1]);
    // The October course (20 October 2026) is over by 15 December; the January one is to come.
    expect(titles).toEqual([
      'Infant mental health in practice',
      'Riverside Perinatal Mental Health Network meeting',
      'Riverside Perinatal Mental Health Network meeting',
    ]);
    expect(page).toContain('href="2027-01-20-infant-mental-health-in-practice.ics"');
    expect(page).toContain('href="../meetings/2027-02-11.ics"');
    expect(page).toContain('Book by Sunday 10 January 2027');
    expect(page).not.toContain('Trauma-informed practice');
  });

  it('gives every calendar file a DTEND that ical.js reads: the end time, the default two hours, or the day after an all-day event', () => {
    const names = [...site.keys()].filter((name) => name.endsWith('.ics'));
    expect(names.sort()).toEqual(['events/2027-01-20-infant-mental-health-in-practice.ics', 'meetings/2027-02-11.ics', 'meetings/2027-06-10.ics']);
    for (const name of names) expect(site.get(name), name).toMatch(/\r\nDTEND[:;]/u);
    expect(vevent('meetings/2027-02-11.ics').endDate.toJSDate().toISOString()).toBe('2027-02-11T12:30:00.000Z');
    const course = vevent('events/2027-01-20-infant-mental-health-in-practice.ics');
    expect(course.startDate.toJSDate().toISOString()).toBe('2027-01-20T10:00:00.000Z');
    expect(course.endDate.toJSDate().toISOString()).toBe('2027-01-20T12:00:00.000Z');
    const allDay = vevent('meetings/2027-06-10.ics');
    expect(allDay.endDate.toString()).toBe('2027-06-11');
  });

  it('keeps a paragraph on one line in the description (RFC 5545 folding still applies to the file)', () => {
    const course = vevent('events/2027-01-20-infant-mental-health-in-practice.ics');
    expect(course.description).toBe(
      'A morning for health visitors, midwives and family support workers on noticing and responding to early signs of distress in babies and their parents.\n\nDetails and booking: https://example.org/training/infant-mental-health',
    );
    const text = site.get('events/2027-01-20-infant-mental-health-in-practice.ics')!;
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('a meeting without an end time lasts meetings.default_length', () => {
    const context = { shortName: 'TN', timeZone: 'Europe/London', now: SITE_NOW, defaultLengthMs: 90 * 60_000 };
    const event = { uid: 'x@example.org', date: '2027-07-01', time: '14:00', summary: 'Meeting', description: '', url: 'https://example.org/' };
    const parsed = new ICAL.Event(new ICAL.Component(ICAL.parse(eventCalendar(event, context))).getFirstSubcomponent('vevent')!);
    // 14:00 in London in July is 13:00 UTC; 90 minutes later.
    expect(parsed.endDate.toJSDate().toISOString()).toBe('2027-07-01T14:30:00.000Z');
  });
});
