import { formatZoned } from './zoned-time.js';

/** Pure: when an issue is scheduled, as a person reads it: `2026-12-01 09:00 Europe/London, in 23 hours`. */
export function describeSchedule(sendAt: Date, now: number, timeZone: string): string {
  const ms = sendAt.getTime() - now;
  return `${formatZoned(sendAt, timeZone)} ${timeZone}, ${ms >= 0 ? `in ${roughly(ms)}` : `${roughly(-ms)} ago`}`;
}

/** A span as a person says it: minutes, then hours up to two days, then days. */
function roughly(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const [count, unit] =
    minutes < 60 ? [Math.max(1, minutes), 'minute'] : minutes < 48 * 60 ? [Math.floor(minutes / 60), 'hour'] : [Math.floor(minutes / (24 * 60)), 'day'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
