import { formatZoned } from './zoned-time.js';

/**
 * Pure: when an issue is scheduled, as a person reads it: `2026-12-01 09:00
 * Europe/London, in 23 hours`. From its time on it is due (send --due takes
 * it), so within the first minute it is "due now", never "in 1 minute".
 */
export function describeSchedule(sendAt: Date, now: number, timeZone: string): string {
  const ms = sendAt.getTime() - now;
  const when = ms > 0 ? (ms < 60_000 ? 'in less than a minute' : `in ${roughly(ms)}`) : -ms < 60_000 ? 'due now' : `${roughly(-ms)} ago`;
  return `${formatZoned(sendAt, timeZone)} ${timeZone}, ${when}`;
}

/** A span as a person says it: minutes, then hours up to two days, then days. */
function roughly(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const [count, unit] = minutes < 60 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.floor(minutes / 60), 'hour'] : [Math.floor(minutes / (24 * 60)), 'day'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
