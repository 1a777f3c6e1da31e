import type { Meeting } from '../config/config.js';
import { markdownToText } from '../render/markdown.js';
import { parseDateTime } from '../time/zoned-time.js';
import { sitePaths, siteUrl } from '../render/site-urls.js';

export interface CalendarContext {
  base: string;
  networkName: string;
  shortName: string;
  timeZone: string;
  now: Date;
}

/**
 * One meeting as an iCalendar file (RFC 5545) with one VEVENT, for "Add to
 * calendar". The meeting's local time in the workspace's zone is written as
 * UTC, which every calendar reads the same way without a VTIMEZONE block; a
 * meeting without a time is an all-day event. The UID is stable, so adding
 * it twice updates the event instead of duplicating it.
 */
export function meetingCalendar(meeting: Meeting, context: CalendarContext): string {
  const start = meeting.time === undefined ? undefined : parseDateTime(`${meeting.date}T${meeting.time}`, context.timeZone);
  const end = meeting.time === undefined || meeting.endTime === undefined ? undefined : parseDateTime(`${meeting.date}T${meeting.endTime}`, context.timeZone);
  const details = meeting.details === undefined ? '' : markdownToText(meeting.details);
  const description = [details, meeting.link ? `Join online: ${meeting.link}` : ''].filter((part) => part !== '').join('\n\n');
  const host = new URL(context.base).host;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${text(context.shortName)}//snippet//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:meeting-${meeting.date}@${host}`,
    `DTSTAMP:${utc(context.now)}`,
    ...(start === undefined ? [`DTSTART;VALUE=DATE:${meeting.date.replaceAll('-', '')}`] : [`DTSTART:${utc(start)}`]),
    ...(end !== undefined && start !== undefined && end > start ? [`DTEND:${utc(end)}`] : []),
    `SUMMARY:${text(`${context.networkName} meeting`)}`,
    ...((meeting.venue ?? meeting.link) ? [`LOCATION:${text(meeting.venue ?? meeting.link ?? '')}`] : []),
    ...(description === '' ? [] : [`DESCRIPTION:${text(description)}`]),
    `URL:${meeting.link ?? siteUrl(context.base, sitePaths.home)}`,
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
