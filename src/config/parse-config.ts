import { z } from 'zod';
import { hasErrors, type Problem } from '../errors.js';
import { parseLocatedYaml } from '../schema/located-yaml.js';
import { isEmailAddress, parseMailbox } from '../schema/mailbox.js';
import { schemaProblems } from '../schema/schema-problems.js';
import { isIsoDate } from '../time/zoned-time.js';
import type { Config } from './config.js';
import { parseDuration } from './duration.js';
import { parseRateLimit } from './rate-limit.js';

const text = z.string().trim().min(1, 'must not be empty');
const httpsUrl = z.string().trim().refine((v) => /^https:\/\/[^\s]+$/u.test(v), 'must be an https:// address');
const httpUrl = z.string().trim().refine((v) => /^https?:\/\/[^\s]+$/u.test(v), 'must be an http:// or https:// address');
const mailbox = z
  .string()
  .refine((v) => parseMailbox(v) !== undefined, 'must be an email address, e.g. "Network name <snippet@example.org>"')
  .transform((v) => parseMailbox(v)!);
const duration = z
  .union([z.string(), z.number()])
  .refine((v) => parseDuration(v) !== undefined, 'must be a duration such as 30s, 10m or 2h')
  .transform((v) => parseDuration(v)!);
const clockTime = z
  .string()
  .trim()
  .refine((v) => /^([01]?\d|2[0-3]):[0-5]\d$/u.test(v), 'must be a time of day written HH:MM, e.g. "09:00"')
  .transform((v) => v.padStart(5, '0'));
const date = z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD, e.g. 2027-02-11');
// Days after the 28th do not exist in every month.
const sendDayError = { error: 'must be first-working-day or a day of the month from 1 to 28' };
const timeZone = z.string().refine(isTimeZone, 'is not a known time zone; use a name such as Europe/London');

export const configSchema = z.strictObject({
  network: z.strictObject({
    name: text,
    short_name: text.max(40, 'must be at most 40 characters').optional(),
    website: httpUrl.optional(),
    logo: z
      .strictObject({
        url: httpsUrl,
        alt: text,
        width: z.number().int().min(16).max(600).default(120),
      })
      .optional(),
  }),
  from: mailbox,
  reply_to: mailbox.optional(),
  time_zone: timeZone.default('Europe/London'),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/u, 'must be a language tag such as en-GB').default('en-GB'),
  footer: z.strictObject({
    postal_address: text,
    endorsement: text,
  }),
  unsubscribe: z.strictObject({
    mailto: z.string().trim().refine(isEmailAddress, 'must be an email address'),
    url: httpsUrl.optional(),
  }),
  sending: z
    .strictObject({
      rate: z
        .array(
          z
            .string()
            .refine((v) => parseRateLimit(v) !== undefined, 'must look like 30/minute (per second, minute, hour or day)')
            .transform((v) => parseRateLimit(v)!),
        )
        .default([]),
      connections: z.number().int().min(1, 'must be at least 1').max(20, 'must be at most 20').default(1),
      retries: z.number().int().min(1, 'must be at least 1').max(10, 'must be at most 10').default(3),
      retry_delay: duration.default(30_000),
      stop_after_failures: z.number().int().min(1).max(1000).default(10),
      max_wait: duration.default(600_000),
    })
    .default({ rate: [], connections: 1, retries: 3, retry_delay: 30_000, stop_after_failures: 10, max_wait: 600_000 }),
  schedule: z
    .strictObject({
      send_day: z
        .union([z.literal('first-working-day'), z.number().int(sendDayError).min(1, sendDayError).max(28, sendDayError)], sendDayError)
        .default('first-working-day'),
      send_time: clockTime.default('09:00'),
    })
    .default({ send_day: 'first-working-day', send_time: '09:00' }),
  spotlight: z
    .strictObject({
      repeat_months: z.number().int().min(1, 'must be at least 1').max(120, 'must be at most 120').default(12),
    })
    .default({ repeat_months: 12 }),
  meetings: z
    .array(
      z.strictObject({
        date,
        time: clockTime.optional(),
        venue: text,
        details: z.string().optional(),
      }),
      { error: 'must be a list of meetings, each starting with "- date: YYYY-MM-DD"' },
    )
    .nullish()
    .transform((meetings) => meetings ?? []),
});

export interface ParsedConfig {
  config: Config | undefined;
  problems: Problem[];
}

/** Pure: the text of `snippet.config.yaml` in, a validated Config and every problem out. */
export function parseConfig(source: string, file: string): ParsedConfig {
  const yaml = parseLocatedYaml(source, file);
  if (hasErrors(yaml.problems)) return { config: undefined, problems: yaml.problems };
  const result = configSchema.safeParse(yaml.value ?? {}, { reportInput: true });
  if (!result.success) {
    return { config: undefined, problems: [...yaml.problems, ...schemaProblems(configSchema, result.error, file, yaml.lineOf)] };
  }
  const raw = result.data;
  const config: Config = {
    network: {
      name: raw.network.name,
      shortName: raw.network.short_name ?? raw.network.name,
      ...(raw.network.website ? { website: raw.network.website } : {}),
      ...(raw.network.logo ? { logo: raw.network.logo } : {}),
    },
    from: raw.from,
    ...(raw.reply_to ? { replyTo: raw.reply_to } : {}),
    timeZone: raw.time_zone,
    language: raw.language,
    footer: { postalAddress: raw.footer.postal_address, endorsement: raw.footer.endorsement },
    unsubscribe: { mailto: raw.unsubscribe.mailto, ...(raw.unsubscribe.url ? { url: raw.unsubscribe.url } : {}) },
    sending: {
      rates: raw.sending.rate,
      connections: raw.sending.connections,
      retries: raw.sending.retries,
      retryDelayMs: raw.sending.retry_delay,
      stopAfterFailures: raw.sending.stop_after_failures,
      maxWaitMs: raw.sending.max_wait,
    },
    schedule: { sendDay: raw.schedule.send_day, sendTime: raw.schedule.send_time },
    spotlight: { repeatMonths: raw.spotlight.repeat_months },
    meetings: raw.meetings
      .map((m) => ({ date: m.date, venue: m.venue, ...(m.time !== undefined ? { time: m.time } : {}), ...(m.details !== undefined ? { details: m.details } : {}) }))
      .sort((a, b) => a.date.localeCompare(b.date) || (a.time ?? '').localeCompare(b.time ?? '')),
  };
  return { config, problems: yaml.problems };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
