import type { Meeting } from '../config/config.js';
import type { TrainingItem } from '../issue/issue.js';
import { markdownToUnwrappedText } from '../render/markdown.js';
import { sitePaths, siteUrl } from '../render/site-urls.js';
import { zonedDate } from '../time/zoned-time.js';
import type { CalendarEvent } from './event-calendar.js';
import type { SiteIssue } from './site-input.js';
import { slug } from './slug.js';

/** An event on the What's on page, with its calendar file. */
export interface UpcomingEvent {
  kind: 'meeting' | 'training';
  event: CalendarEvent;
  /** The `.ics` file's site path. */
  calendarPath: string;
  /** Where to book or join; for a course, its link. */
  link: string | undefined;
  /** For a course: the issue it was shared in. */
  issue?: SiteIssue;
  cost?: string;
  deadline?: string;
}

/**
 * Pure: the network's meetings (from the config) and the training and events
 * of the published issues that have not ended by today (in the workspace's
 * zone), soonest first. A course carried forward into later issues is listed
 * once, from the newest issue that shared it.
 */
export function upcomingEvents(
  meetings: readonly Meeting[],
  issues: readonly SiteIssue[],
  context: { base: string; networkName: string; now: Date; timeZone: string },
): UpcomingEvent[] {
  const today = zonedDate(context.now, context.timeZone);
  const host = new URL(context.base).host;
  const events: UpcomingEvent[] = meetings
    .filter((meeting) => meeting.date >= today)
    .map((meeting) => meetingEvent(meeting, context.base, context.networkName, host));
  const seen = new Set<string>();
  for (const issue of issues) {
    for (const item of issue.issue.training) {
      if (item.date === undefined || (item.endDate ?? item.date) < today) continue;
      const key = `${item.date} ${item.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      events.push(trainingEvent(item, issue, host));
    }
  }
  return events.sort((a, b) => a.event.date.localeCompare(b.event.date) || (a.event.time ?? '').localeCompare(b.event.time ?? ''));
}

/** A network meeting as a calendar event; its file is the one the email's "Add to calendar" links to. */
export function meetingEvent(meeting: Meeting, base: string, networkName: string, host = new URL(base).host): UpcomingEvent {
  const details = meeting.details === undefined ? '' : markdownToUnwrappedText(meeting.details);
  return {
    kind: 'meeting',
    calendarPath: sitePaths.meetingCalendar(meeting.date),
    link: meeting.link,
    event: {
      uid: `meeting-${meeting.date}@${host}`,
      date: meeting.date,
      ...(meeting.time === undefined ? {} : { time: meeting.time }),
      ...(meeting.endTime === undefined ? {} : { endTime: meeting.endTime }),
      summary: `${networkName} meeting`,
      ...((meeting.venue ?? meeting.link) ? { location: meeting.venue ?? meeting.link ?? '' } : {}),
      description: [details, meeting.link ? `Join online: ${meeting.link}` : ''].filter((part) => part !== '').join('\n\n'),
      url: meeting.link ?? siteUrl(base, sitePaths.home),
    },
  };
}

function trainingEvent(item: TrainingItem, issue: SiteIssue, host: string): UpcomingEvent {
  const id = `${item.date!}-${slug(item.title)}`;
  return {
    kind: 'training',
    calendarPath: sitePaths.eventCalendar(id),
    link: item.url,
    issue,
    ...(item.cost === undefined ? {} : { cost: item.cost }),
    ...(item.deadline === undefined ? {} : { deadline: item.deadline }),
    event: {
      uid: `training-${id}@${host}`,
      date: item.date!,
      ...(item.time === undefined ? {} : { time: item.time }),
      ...(item.endDate === undefined ? {} : { endDate: item.endDate }),
      ...(item.endTime === undefined ? {} : { endTime: item.endTime }),
      summary: item.title,
      ...(item.location === undefined ? {} : { location: item.location }),
      description: [item.summary === undefined ? '' : markdownToUnwrappedText(item.summary), `Details and booking: ${item.url}`]
        .filter((part) => part !== '')
        .join('\n\n'),
      url: item.url,
    },
  };
}
