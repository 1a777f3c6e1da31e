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

/**
 * Pure: every deadline and event date from the send date to six weeks after
 * it, soonest first, each naming its item: funding deadlines, booking
 * deadlines, training dates and the meeting. A rolling fund has no date.
 * Same-day entries keep this order: deadlines before events.
 */
export function keyDates(input: KeyDatesInput): KeyDateView[] {
  const { sendDay, language } = input;
  const entries: Array<{ iso: string; view: KeyDateView }> = [];
  const add = (iso: string | undefined, what: string, title: string, url: string | null, deadline: boolean): void => {
    if (iso === undefined || isRolling(iso)) return;
    const days = daysBetween(sendDay, iso);
    if (days === undefined || days < 0 || days > KEY_DATES_DAYS) return;
    entries.push({ iso, view: { date: unbreakable(formatDate(iso, language)), what, title, url, closingSoon: deadline && days <= CLOSING_SOON_DAYS } });
  };
  for (const item of input.funding) add(item.deadline, 'Funding closes', item.title, item.url, true);
  for (const item of input.training) add(item.deadline, 'Booking closes', item.title, item.url, true);
  for (const item of input.training) add(item.date, item.endDate === undefined ? 'Training' : 'Training starts', item.title, item.url, false);
  if (input.meeting !== undefined) {
    const { meeting, calendarUrl } = input.meeting;
    add(meeting.date, 'Network meeting', meeting.venue ?? 'Online', calendarUrl ?? meeting.link ?? null, false);
  }
  // A stable sort: same-day entries stay in the order added.
  return entries.sort((a, b) => (a.iso < b.iso ? -1 : a.iso > b.iso ? 1 : 0)).map((entry) => entry.view);
}
