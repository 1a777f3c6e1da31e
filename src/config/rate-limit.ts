export type RateUnit = 'second' | 'minute' | 'hour' | 'day';

/** At most `count` messages in any window of `unit`. */
export interface RateLimit {
  count: number;
  unit: RateUnit;
}

export const UNIT_MS: Record<RateUnit, number> = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/** Parses `30/minute` (also `30/min`, `30 per minute`); undefined when malformed. */
export function parseRateLimit(text: string): RateLimit | undefined {
  const match = /^\s*(\d+)\s*(?:\/|per)\s*(second|sec|s|minute|min|m|hour|hr|h|day|d)\s*$/iu.exec(text);
  if (!match) return undefined;
  const count = Number(match[1]);
  if (!Number.isSafeInteger(count) || count < 1) return undefined;
  const unit = match[2]!.toLowerCase();
  const units: Record<string, RateUnit> = {
    second: 'second',
    sec: 'second',
    s: 'second',
    minute: 'minute',
    min: 'minute',
    m: 'minute',
    hour: 'hour',
    hr: 'hour',
    h: 'hour',
    day: 'day',
    d: 'day',
  };
  return { count, unit: units[unit]! };
}

export function formatRateLimit(limit: RateLimit): string {
  return `${limit.count}/${limit.unit}`;
}
