import type { Config } from '../config/config.js';
import { nextIssueId } from '../issue/issue-id.js';
import type { IssueId } from '../issue/issue.js';
import { scheduledSendAt } from '../issue/scheduled-send-at.js';
import { zonedDate } from '../time/zoned-time.js';
import { addDays, formatDate, formatMonth, unbreakable } from './format-date.js';
import type { ShareView } from './issue-view.js';

/**
 * Pure: the "Share your news" block. Items for the next issue are asked for
 * `submissions.deadline_days` before the day the schedule sends it: the
 * schedule, not a send_at nobody has written yet, is what the coordinator
 * plans by.
 */
export function shareView(id: IssueId, config: Pick<Config, 'coordinator' | 'submissions' | 'schedule' | 'timeZone' | 'language'>): ShareView {
  const next = nextIssueId(id);
  const nextSendDay = zonedDate(scheduledSendAt(next, config.schedule, config.timeZone).instant, config.timeZone);
  return {
    coordinator: config.coordinator?.name ?? null,
    role: config.coordinator?.role ?? null,
    formUrl: config.submissions.formUrl ?? null,
    nextMonth: formatMonth(next, config.language),
    deadline: unbreakable(formatDate(addDays(nextSendDay, -config.submissions.deadlineDays), config.language)),
  };
}
