import { z } from 'zod';
import { hasErrors, type Problem } from '../errors.js';
import { parseLocatedYaml } from '../schema/located-yaml.js';
import { isEmailAddress, parseMailbox } from '../schema/mailbox.js';
import { schemaProblems } from '../schema/schema-problems.js';
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
