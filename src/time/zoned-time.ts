/** A wall-clock date and time with no zone attached. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/u;

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = DATE.exec(text);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** UTC offsets in use run from -12:00 to +14:00; beyond ±14:00 is a typo, never a place. */
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * Parses `YYYY-MM-DDTHH:MM[:SS][offset]` (a space may replace the T). Without
 * an offset the time is local to `timeZone`. Returns the instant, or undefined
 * when the text is not such a date-time (dateTimeProblem says why).
 */
export function parseDateTime(text: string, timeZone: string): Date | undefined {
  const parts = dateTimeParts(text);
  if (typeof parts === 'string') return undefined;
  const { local, offsetMinutes } = parts;
  if (offsetMinutes === undefined) return zonedToInstant(local, timeZone);
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - offsetMinutes * 60_000);
}

/** Why `text` is not a date-time parseDateTime reads, in words for a message; undefined when it is one. */
export function dateTimeProblem(text: string): string | undefined {
  const parts = dateTimeParts(text);
  return typeof parts === 'string' ? parts : undefined;
}

function dateTimeParts(text: string): { local: LocalDateTime; offsetMinutes: number | undefined } | string {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return 'must be a date and time such as 2026-12-01T09:00 (local time) or 2026-12-01T09:00Z';
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(match[i]));
  const second = Number(match[6] ?? 0);
  if (!isRealDate(year!, month!, day!) || hour! > 23 || minute! > 59 || second > 59) return `"${text.trim()}" is not a real date and time`;
  const local = { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second };
  const offset = match[7];
  if (offset === undefined) return { local, offsetMinutes: undefined };
  if (offset === 'Z') return { local, offsetMinutes: 0 };
  const digits = offset.slice(1).replace(':', '');
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
  const total = hours * 60 + minutes;
  if (minutes > 59 || total > MAX_OFFSET_MINUTES) {
    return `the time offset ${offset} is impossible: offsets run from -14:00 to +14:00 (leave it out for the workspace's time zone, or write Z for UTC)`;
  }
  return { local, offsetMinutes: offset.startsWith('-') ? -total : total };
}

/**
 * The instant at which clocks in `timeZone` show `local`. In the spring gap
 * (a time that does not exist) the clock's time after the jump is used; in the
 * autumn overlap, the first of the two instants.
 */
export function zonedToInstant(local: LocalDateTime, timeZone: string): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  // Two passes settle the offset on either side of a transition.
  let guess = asUtc - offsetMs(new Date(asUtc), timeZone);
  guess = asUtc - offsetMs(new Date(guess), timeZone);
  const earlier = asUtc - offsetMs(new Date(guess - 3_600_000), timeZone);
  if (earlier !== guess && sameLocal(new Date(earlier), local, timeZone)) return new Date(earlier);
  return new Date(guess);
}

/** The wall-clock time in `timeZone` at `instant`. */
export function instantToZoned(instant: Date, timeZone: string): LocalDateTime {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
}

/** `YYYY-MM-DD` of `instant` in `timeZone`. */
export function zonedDate(instant: Date, timeZone: string): string {
  const local = instantToZoned(instant, timeZone);
  return `${local.year}-${pad(local.month)}-${pad(local.day)}`;
}

/** `YYYY-MM-DD HH:MM` of `instant` in `timeZone`, for messages. */
export function formatZoned(instant: Date, timeZone: string): string {
  const local = instantToZoned(instant, timeZone);
  return `${local.year}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)}`;
}

/** `YYYY-MM-DD HH:MM:SS` of `instant` in `timeZone`, for messages that need the second. */
export function formatZonedSeconds(instant: Date, timeZone: string): string {
  return `${formatZoned(instant, timeZone)}:${pad(instantToZoned(instant, timeZone).second)}`;
}

export function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function offsetMs(instant: Date, timeZone: string): number {
  const local = instantToZoned(instant, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function sameLocal(instant: Date, local: LocalDateTime, timeZone: string): boolean {
  const actual = instantToZoned(instant, timeZone);
  return actual.year === local.year && actual.month === local.month && actual.day === local.day && actual.hour === local.hour && actual.minute === local.minute;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}
