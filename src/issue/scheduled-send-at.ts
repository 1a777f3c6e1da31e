import type { Schedule } from '../config/config.js';
import { firstWorkingDay } from '../time/first-working-day.js';
import { pad, zonedToInstant } from '../time/zoned-time.js';
import type { IssueId } from './issue.js';

export interface ScheduledSend {
  /** As written in front matter: local `YYYY-MM-DDTHH:MM`. */
  text: string;
  instant: Date;
}

/**
 * Pure: when the configured schedule sends an issue. The local time is turned
 * into an instant in the workspace's zone, so 09:00 stays 09:00 on either side
 * of the March and October clock changes.
 */
export function scheduledSendAt(id: IssueId, schedule: Schedule, timeZone: string): ScheduledSend {
  const [year, month] = id.split('-').map(Number) as [number, number];
  const [hour, minute] = schedule.sendTime.split(':').map(Number) as [number, number];
  const day = schedule.sendDay === 'first-working-day' ? firstWorkingDay(year, month) : schedule.sendDay;
  return {
    text: `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`,
    instant: zonedToInstant({ year, month, day, hour, minute, second: 0 }, timeZone),
  };
}
