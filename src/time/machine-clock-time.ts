import { instantToZoned, pad, zonedDate, zonedToInstant } from './zoned-time.js';

/**
 * The machine's wall-clock time (`HH:MM` in `machineZone`) at which clocks in
 * `timeZone` show `at` on the day of `now`: what a crontab line, which runs in
 * the machine's time, must say. Exact while both zones keep the offset they
 * have on that day.
 */
export function machineClockTime(at: string, timeZone: string, machineZone: string, now: Date): string {
  const [year, month, day] = zonedDate(now, timeZone).split('-').map(Number) as [number, number, number];
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const instant = zonedToInstant({ year, month, day, hour, minute, second: 0 }, timeZone);
  const local = instantToZoned(instant, machineZone);
  return `${pad(local.hour)}:${pad(local.minute)}`;
}
