import { z } from 'zod';
import { hasErrors, type Problem } from '../errors.js';
import { controlCharacter } from '../schema/control-character.js';
import { isLoopback } from '../schema/is-loopback.js';
import { parseLocatedYaml } from '../schema/located-yaml.js';
import { isEmailAddress, parseMailbox } from '../schema/mailbox.js';
import { clockTimeField, httpUrlField, isoDateField, text } from '../schema/schema-fields.js';
import { schemaProblems } from '../schema/schema-problems.js';
import { parseImapAddress } from './imap-address.js';
import { singleLine } from '../schema/single-line.js';
import { DEFAULT_SYNONYMS, SENDING_PRESETS, type Config, type OAuth2Settings, type Period, type SendingPreset } from './config.js';
import { parseDuration } from './duration.js';
import { parseRateLimit } from './rate-limit.js';
import { controlProblems } from '../schema/control-problems.js';

const httpsUrl = z
  .string()
  .trim()
  .refine((v) => /^https:\/\/[^\s]+$/u.test(v), 'must be an https:// address');
const httpUrl = httpUrlField('must be an http:// or https:// address');
const mailbox = z
  .string()
  .superRefine((value, context) => {
    const control = controlCharacter(value);
    if (control !== undefined)
      context.addIssue({
        code: 'custom',
        message: `must not contain control characters (${control}): retype it; they are invisible and break email headers`,
        abort: true,
      });
  })
  .refine((v) => parseMailbox(v) !== undefined, 'must be an email address, e.g. "Network name <snippet@example.org>"')
  .transform((v) => parseMailbox(v)!);
const duration = (most: string) =>
  z
    .union([z.string(), z.number()])
    .refine((v) => parseDuration(v) !== undefined, 'must be a duration such as 30s, 10m, 2h or 7d')
    .refine((v) => (parseDuration(v) ?? 0) <= parseDuration(most)!, `must be at most ${most}`)
    .transform((v) => parseDuration(v)!);
const clockTime = clockTimeField('09:00');
const date = isoDateField('2027-02-11');
// Days after the 28th do not exist in every month.
const sendDayError = { error: 'must be first-working-day or a day of the month from 1 to 28' };
const rateLimit = z
  .string()
  .refine((v) => parseRateLimit(v) !== undefined, 'must look like 30/minute (per second, minute, hour or day)')
  .transform((v) => parseRateLimit(v)!);
const oauth2 = z
  .strictObject({
    token_command: text.optional(),
    tenant_id: text.optional(),
    client_id: text.optional(),
    scope: text.default('https://outlook.office365.com/.default'),
    token_url: httpUrl.refine(isSafeTokenUrl, 'must be an https:// address (http:// only to this computer)').optional(),
  })
  .refine((v) => (v.token_command === undefined) !== (v.tenant_id === undefined && v.client_id === undefined), {
    error: 'needs either token_command, or tenant_id and client_id (client credentials), not both',
  })
  .refine((v) => v.token_command !== undefined || (v.tenant_id !== undefined && v.client_id !== undefined), {
    error: 'client credentials need both tenant_id and client_id',
  });
const meetingList = z
  .array(
    z
      .strictObject({
        date,
        time: clockTime.optional(),
        end_time: clockTime.optional(),
        venue: text.optional(),
        link: httpUrl.optional(),
        details: z.string().optional(),
      })
      .refine((m) => m.venue !== undefined || m.link !== undefined, { error: 'needs a venue, a joining link, or both' }),
    { error: 'must be a list of meetings, each starting with "- date: YYYY-MM-DD"' },
  )
  .nullish()
  .transform((meetings) => meetings ?? []);
const showWithin = z
  .string()
  .refine((v) => parseShowWithin(v) !== undefined, 'must be a period such as 4 months, 6 weeks or 90 days')
  .transform((v) => parseShowWithin(v)!);
const imapUrl = z.string().superRefine((value, context) => {
  const parsed = parseImapAddress(value);
  if (typeof parsed === 'string') context.addIssue({ code: 'custom', message: parsed });
});
const timeZone = z.string().refine(isTimeZone, 'is not a known time zone; use a name such as Europe/London');

const configSchema = z.strictObject({
  network: z.strictObject({
    // The short name (without one, the name) goes into the delivery report's Subject header.
    name: singleLine(text),
    short_name: singleLine(text.max(40, 'must be at most 40 characters')).optional(),
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
  report_to: mailbox.optional(),
  time_zone: timeZone.default('Europe/London'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/u, 'must be a language tag such as en-GB')
    .default('en-GB'),
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
      preset: z.enum(Object.keys(SENDING_PRESETS) as [SendingPreset], { error: `must be one of: ${Object.keys(SENDING_PRESETS).join(', ')}` }).optional(),
      rate: z.array(rateLimit).optional(),
      connections: z.number().int().min(1, 'must be at least 1').max(20, 'must be at most 20').optional(),
      retries: z.number().int().min(1, 'must be at least 1').max(10, 'must be at most 10').default(3),
      retry_delay: duration('1h').default(30_000),
      stop_after_failures: z.number().int().min(1).max(1000).default(10),
      max_wait: duration('24h').default(600_000),
      stale_after: duration('365d').default(7 * 86_400_000),
    })
    .default({ retries: 3, retry_delay: 30_000, stop_after_failures: 10, max_wait: 600_000, stale_after: 7 * 86_400_000 }),
  smtp: z.strictObject({ oauth2: oauth2.optional() }).default({}),
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
  // A plain list of meetings, or show_within with the list under dates.
  meetings: z
    .preprocess(
      (v) => (Array.isArray(v) || v === null || v === undefined ? { dates: v } : v),
      z.strictObject({ show_within: showWithin.optional(), default_length: duration('24h').optional(), dates: meetingList }),
    )
    .default({ show_within: undefined, default_length: undefined, dates: [] }),
  areas: z
    .array(
      z.preprocess(
        (v) => (typeof v === 'string' ? { name: v } : v),
        z.strictObject(
          {
            name: singleLine(text),
            code: z
              .string()
              .trim()
              .regex(/^[EKNSW]\d{8}$/u, 'must be an ONS/GSS code: a letter and eight digits, e.g. S12000038')
              .optional(),
          },
          { error: 'must be an area name, or name: with code:' },
        ),
      ),
      { error: 'must be a list of the areas the network covers, e.g. [Glasgow City, Renfrewshire]' },
    )
    .optional(),
  directory: z
    .strictObject({
      synonyms: z
        .record(z.string(), z.union([text, z.array(text)]), { error: 'must map a word to what it also finds, e.g. dad: [father, partner]' })
        .optional(),
    })
    .optional(),
  greeting: z.enum(['colleague', 'full-name'], { error: 'must be colleague ("Dear colleague,") or full-name ("Dear Dr Anna Kowalska,")' }).default('colleague'),
  coordinator: z
    .strictObject({
      name: text,
      role: text.optional(),
      email: z.string().trim().refine(isEmailAddress, 'must be an email address').optional(),
    })
    .optional(),
  site: z
    .strictObject({
      url: httpUrl.refine(isSiteUrl, 'must be the address of the website, e.g. https://example.org/snippet/'),
      private: z.boolean({ error: 'must be true or false' }).default(false),
      join_url: httpUrl.optional(),
      join_email: z.string().trim().refine(isEmailAddress, 'must be an email address').optional(),
    })
    .optional(),
  mailbox: z
    .strictObject({
      url: z.union([imapUrl, z.array(imapUrl).min(1, 'must list at least one address')], { error: 'must be an imaps:// address or a list of them' }).optional(),
      processed_folder: z
        .string()
        .trim()
        .min(1, 'must name a folder')
        .refine((v) => !/^inbox$/iu.test(v), 'must not be the inbox: reports are moved out of it')
        .default('snippet/processed'),
      soft_bounce_issues: z.number().int().min(1, 'must be at least 1').max(24, 'must be at most 24').default(3),
      before_send: z.boolean({ error: 'must be true or false' }).default(false),
    })
    .default({ processed_folder: 'snippet/processed', soft_bounce_issues: 3, before_send: false }),
  submissions: z
    .strictObject({
      form_url: httpUrl.optional(),
      deadline_days: z.number().int().min(0, 'must be 0 or more').max(60, 'must be at most 60').default(7),
      columns: z.record(z.string(), text, { error: 'must map each question to the column heading of your form' }).optional(),
    })
    .optional(),
});

export interface ParsedConfig {
  config: Config | undefined;
  problems: Problem[];
}

/** Pure: the text of `snippet.config.yaml` in, a validated Config and every problem out. */
export function parseConfig(source: string, file: string): ParsedConfig {
  const control = controlProblems(source, file);
  if (control.length > 0) return { config: undefined, problems: control };
  const yaml = parseLocatedYaml(source, file);
  if (hasErrors(yaml.problems)) return { config: undefined, problems: yaml.problems };
  const result = configSchema.safeParse(yaml.value ?? {}, { reportInput: true });
  if (!result.success) {
    // A plain list of meetings is read as meetings.dates: name and point at the list as written.
    if (Array.isArray((yaml.value as { meetings?: unknown } | undefined)?.meetings)) {
      for (const issue of result.error.issues) if (issue.path[0] === 'meetings' && issue.path[1] === 'dates') issue.path.splice(1, 1);
    }
    return { config: undefined, problems: [...yaml.problems, ...schemaProblems(configSchema, result.error, file, yaml.lineOf)] };
  }
  const raw = result.data;
  const preset = raw.sending.preset ? SENDING_PRESETS[raw.sending.preset] : undefined;
  const config: Config = {
    network: {
      name: raw.network.name,
      shortName: raw.network.short_name ?? raw.network.name,
      ...(raw.network.website ? { website: raw.network.website } : {}),
      ...(raw.network.logo ? { logo: raw.network.logo } : {}),
    },
    from: raw.from,
    ...(raw.reply_to ? { replyTo: raw.reply_to } : {}),
    ...(raw.report_to ? { reportTo: raw.report_to } : {}),
    timeZone: raw.time_zone,
    language: raw.language,
    footer: { postalAddress: raw.footer.postal_address, endorsement: raw.footer.endorsement },
    unsubscribe: { mailto: raw.unsubscribe.mailto, ...(raw.unsubscribe.url ? { url: raw.unsubscribe.url } : {}) },
    sending: {
      rates: raw.sending.rate ?? (preset ? preset.rate.map((r) => parseRateLimit(r)!) : []),
      connections: raw.sending.connections ?? preset?.connections ?? 1,
      retries: raw.sending.retries,
      retryDelayMs: raw.sending.retry_delay,
      stopAfterFailures: raw.sending.stop_after_failures,
      maxWaitMs: raw.sending.max_wait,
      staleAfterMs: raw.sending.stale_after,
    },
    smtp: raw.smtp.oauth2 ? { oauth2: oauth2Settings(raw.smtp.oauth2) } : {},
    schedule: { sendDay: raw.schedule.send_day, sendTime: raw.schedule.send_time },
    spotlight: { repeatMonths: raw.spotlight.repeat_months },
    meetings: raw.meetings.dates
      .map((m) => ({
        date: m.date,
        ...(m.venue !== undefined ? { venue: m.venue } : {}),
        ...(m.link !== undefined ? { link: m.link } : {}),
        ...(m.time !== undefined ? { time: m.time } : {}),
        ...(m.end_time !== undefined ? { endTime: m.end_time } : {}),
        ...(m.details !== undefined ? { details: m.details } : {}),
      }))
      .sort((a, b) => a.date.localeCompare(b.date) || (a.time ?? '').localeCompare(b.time ?? '')),
    meetingsShowWithin: raw.meetings.show_within ?? { count: 4, unit: 'month' },
    meetingsDefaultLengthMs: raw.meetings.default_length ?? 2 * 3_600_000,
    areas: (raw.areas ?? []).map((area) => ({ name: area.name, ...(area.code ? { code: area.code } : {}) })),
    directory: { synonyms: synonyms(raw.directory?.synonyms ?? {}) },
    greeting: raw.greeting,
    ...(raw.coordinator
      ? {
          coordinator: {
            name: raw.coordinator.name,
            ...(raw.coordinator.role ? { role: raw.coordinator.role } : {}),
            ...(raw.coordinator.email ? { email: raw.coordinator.email } : {}),
          },
        }
      : {}),
    ...(raw.site
      ? {
          site: {
            url: raw.site.url.endsWith('/') ? raw.site.url : `${raw.site.url}/`,
            private: raw.site.private,
            ...(raw.site.join_url ? { joinUrl: raw.site.join_url } : {}),
            ...(raw.site.join_email ? { joinEmail: raw.site.join_email } : {}),
          },
        }
      : {}),
    mailbox: {
      urls: raw.mailbox.url === undefined ? [] : Array.isArray(raw.mailbox.url) ? raw.mailbox.url : [raw.mailbox.url],
      processedFolder: raw.mailbox.processed_folder,
      softBounceIssues: raw.mailbox.soft_bounce_issues,
      beforeSend: raw.mailbox.before_send,
    },
    submissions: {
      deadlineDays: raw.submissions?.deadline_days ?? 7,
      columns: raw.submissions?.columns ?? {},
      ...(raw.submissions?.form_url ? { formUrl: raw.submissions.form_url } : {}),
    },
  };
  return { config, problems: [...yaml.problems, ...joinRouteProblems(config, file, yaml.lineOf(['site', 'url']))] };
}

/**
 * With a website, every email links to its join page ("Forwarded to you?
 * Join the network"): without a form or an address there, that page could
 * only say "ask the coordinator", a dead end for someone outside the network.
 */
function joinRouteProblems(config: Config, file: string, line: number | undefined): Problem[] {
  if (!config.site || config.site.joinUrl || config.site.joinEmail) return [];
  return [
    {
      severity: 'error',
      file,
      ...(line === undefined ? {} : { line }),
      message: 'site: the website needs a way to join: add join_email (an address people write to) or join_url (a form), or both',
      hint: 'e.g.\n  site:\n    url: https://example.org/snippet/\n    join_email: network-join@example.org\nEvery email links to the join page once site.url is set.',
    },
  ];
}

/** The default synonyms, then the network's own (a word it names replaces the default), all lower-case. */
function synonyms(own: Record<string, string | string[]>): Record<string, string[]> {
  const merged: Record<string, string[]> = {};
  for (const [word, also] of Object.entries(DEFAULT_SYNONYMS)) merged[word] = [...also];
  for (const [word, also] of Object.entries(own)) merged[word.trim().toLowerCase()] = (Array.isArray(also) ? also : [also]).map((v) => v.toLowerCase());
  return merged;
}

/** `4 months`, `6 weeks`, `90 days` (also `4m`? no: m is minutes elsewhere, so months are spelled out). */
function parseShowWithin(text: string): Period | undefined {
  const match = /^\s*(\d{1,3})\s*(days?|d|weeks?|w|months?)\s*$/iu.exec(text);
  if (!match) return undefined;
  const count = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  if (unit.startsWith('mo')) return { count, unit: 'month' };
  if (unit.startsWith('w')) return { count: count * 7, unit: 'day' };
  return { count, unit: 'day' };
}

/** An http(s) address with no query or fragment: pages are made by appending paths to it. */
function isSiteUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.search === '' && parsed.hash === '';
  } catch {
    return false;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function oauth2Settings(raw: {
  token_command?: string | undefined;
  tenant_id?: string | undefined;
  client_id?: string | undefined;
  scope: string;
  token_url?: string | undefined;
}): OAuth2Settings {
  if (raw.token_command !== undefined) return { source: 'command', command: raw.token_command };
  const tenantId = raw.tenant_id!;
  return {
    source: 'client-credentials',
    tenantId,
    clientId: raw.client_id!,
    scope: raw.scope,
    tokenUrl: raw.token_url ?? `https://login.microsoftonline.com/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
  };
}

/** The client secret goes to the token endpoint: only over https, or to this computer (tests, a local proxy). */
function isSafeTokenUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopback(parsed.hostname.replace(/^\[(.*)\]$/u, '$1')));
}
