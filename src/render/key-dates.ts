import type { Meeting } from '../config/config.js';
import { isRolling, type FundingItem, type TrainingItem } from '../issue/issue.js';
import { daysBetween, formatDate, unbreakable } from './format-date.js';
import type { KeyDateView } from './issue-view.js';

/** "Key dates" looks this many days ahead of the send date. */
export const KEY_DATES_DAYS = 42;

/** A funding or booking deadline this many days or fewer after sending is "closing soon". */
export const CLOSING_SOON_DAYS = 14;

export interface KeyDatesInput {
  /** The send date, `YYYY-MM-DD` in the workspace's zone. */
  sendDay: string;
  training: readonly TrainingItem[];
  funding: readonly FundingItem[];
  /** The meeting the issue shows, if any, and its calendar file's address. */
  meeting: { meeting: Meeting; calendarUrl: string | null } | undefined;
  language: string;
}

/** Pure: whether a deadline (`YYYY-MM-DD`; `rolling` never is) is at most 14 days after `sendDay` and not yet past. */
export function isClosingSoon(sendDay: string, deadline: string | undefined): boolean {
  if (deadline === undefined || isRolling(deadline)) return false;
  const days = daysBetween(sendDay, deadline);
  return days !== undefined && days >= 0 && days <= CLOSING_SOON_DAYS;
}

/** Same-day entries keep this order: what closes before what happens. */
const RANK = { funding: 0, booking: 1, training: 2, meeting: 3 } as const;

/**
 * Pure: every deadline and event date from the send date to six weeks after
 * it, soonest first, each naming its item: funding deadlines, training and
 * the meeting. A course is there once: at its booking deadline, naming the
 * day it runs, or at that day when there is no booking deadline ahead. A
 * rolling fund has no date. The year goes without saying within six weeks.
 */
export function keyDates(input: KeyDatesInput): KeyDateView[] {
  const { sendDay, language } = input;
  const entries: Array<{ iso: string; rank: number; view: KeyDateView }> = [];
  const ahead = (iso: string | undefined): iso is string => {
    if (iso === undefined || isRolling(iso)) return false;
    const days = daysBetween(sendDay, iso);
    return days !== undefined && days >= 0 && days <= KEY_DATES_DAYS;
  };
  const day = (iso: string): string => unbreakable(formatDate(iso, language, 'no-year'));
  const add = (iso: string, rank: number, view: Omit<KeyDateView, 'date'>): void => {
    entries.push({ iso, rank, view: { date: day(iso), ...view } });
  };

  for (const item of input.funding) {
    if (ahead(item.deadline))
      add(item.deadline, RANK.funding, {
        what: 'Funding closes',
        title: item.title,
        url: item.url,
        then: null,
        closingSoon: isClosingSoon(sendDay, item.deadline),
      });
  }
  for (const item of input.training) {
    const { date, deadline } = item;
    const several = item.endDate !== undefined;
    if (ahead(deadline) && (date === undefined || deadline <= date)) {
      const then = date === undefined ? null : date === deadline ? 'training the same day' : `training ${several ? 'from' : 'on'} ${day(date)}`;
      add(deadline, RANK.booking, { what: 'Booking closes', title: item.title, url: item.url, then, closingSoon: isClosingSoon(sendDay, deadline) });
    } else if (ahead(date)) {
      add(date, RANK.training, { what: several ? 'Training starts' : 'Training', title: item.title, url: item.url, then: null, closingSoon: false });
    }
  }
  if (input.meeting !== undefined) {
    const { meeting, calendarUrl } = input.meeting;
    if (ahead(meeting.date))
      add(meeting.date, RANK.meeting, {
        what: 'Network meeting',
        title: meeting.venue ?? 'Online',
        url: calendarUrl ?? meeting.link ?? null,
        then: null,
        closingSoon: false,
      });
  }
  // A stable sort: entries of the same day and kind stay in the order.
  return entries.sort((a, b) => (a.iso === b.iso ? a.rank - b.rank : a.iso < b.iso ? -1 : 1)).map((entry) => entry.view);
}
