import { parseDateTime } from '../time/zoned-time.js';

/** One event for a calendar file: a network meeting or a course from an issue. */
export interface CalendarEvent {
  /** Stable, so adding the event twice updates it instead of duplicating it. */
  uid: string;
  /** `YYYY-MM-DD`, the (first) day. */
  date: string;
  /** Local `HH:MM`; without it the event lasts all day. */
  time?: string;
  /** `YYYY-MM-DD`, the last day of an event over several days. */
  endDate?: string;
  endTime?: string;
  summary: string;
  location?: string;
  /** Plain text, without hard line breaks inside a paragraph. */
  description: string;
  url: string;
}

export interface CalendarContext {
  shortName: string;
  timeZone: string;
  /** DTSTAMP. */
  now: Date;
  /** How long a timed event without an end time lasts (`meetings.default_length`). */
  defaultLengthMs: number;
}

/**
 * One event as an iCalendar file (RFC 5545) with one VEVENT, for "Add to
 * calendar". Local times in the workspace's zone are written as UTC, which
 * every calendar reads the same way without a VTIMEZONE block. Every event
 * has a DTEND: its end time, or else the configured default length (two
 * hours); an event without a time is all day, ending after its last day.
 */
export function eventCalendar(event: CalendarEvent, context: CalendarContext): string {
  const lastDay = event.endDate ?? event.date;
  const start = event.time === undefined ? undefined : parseDateTime(`${event.date}T${event.time}`, context.timeZone);
  const stated = start === undefined || event.endTime === undefined ? undefined : parseDateTime(`${lastDay}T${event.endTime}`, context.timeZone);
  const end = start === undefined ? undefined : stated !== undefined && stated > start ? stated : new Date(start.getTime() + context.defaultLengthMs);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${text(context.shortName)}//snippet//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utc(context.now)}`,
    ...(start === undefined || end === undefined
      ? [`DTSTART;VALUE=DATE:${compact(event.date)}`, `DTEND;VALUE=DATE:${compact(dayAfter(lastDay))}`]
      : [`DTSTART:${utc(start)}`, `DTEND:${utc(end)}`]),
    `SUMMARY:${text(event.summary)}`,
    ...(event.location ? [`LOCATION:${text(event.location)}`] : []),
    ...(event.description === '' ? [] : [`DESCRIPTION:${text(event.description)}`]),
    `URL:${event.url}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/**
 * TEXT values escape backslash, semicolon, comma and newline (RFC 5545
 * 3.3.11); a CR, alone or before a LF, is a newline too, and every other
 * control character but tab is one the format forbids (3.1, CONTROL), so it goes.
 */
function text(value: string): string {
  return (
    value
      .replace(/\r\n?/gu, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/gu, '')
      .replace(/\\/gu, '\\\\')
      .replace(/;/gu, '\\;')
      .replace(/,/gu, '\\,')
      .replace(/\n/gu, '\\n')
  );
}

function utc(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace(/[-:]/gu, '')}Z`;
}

function compact(date: string): string {
  return date.replaceAll('-', '');
}

/** All-day DTEND is exclusive: the day after the last one. */
function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1), never inside a character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
