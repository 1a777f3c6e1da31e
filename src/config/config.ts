import type { Mailbox } from '../schema/mailbox.js';
import type { RateLimit } from './rate-limit.js';

/** The network's settings, from `snippet.config.yaml`, validated. */
export interface Config {
  network: {
    name: string;
    /** Used in subjects and the List-Id, e.g. "GGC PMHN". */
    shortName: string;
    website?: string;
    logo?: { url: string; alt: string; width: number };
  };
  from: Mailbox;
  replyTo?: Mailbox;
  /** Where a cron run (`send --due`) that did work mails its delivery report. */
  reportTo?: Mailbox;
  /** IANA zone; issue dates and times without an offset are local to it. */
  timeZone: string;
  /** The `lang` of the email, e.g. en-GB. */
  language: string;
  footer: {
    postalAddress: string;
    /** The network's no-endorsement line. */
    endorsement: string;
  };
  unsubscribe: {
    /** Address for `List-Unsubscribe: <mailto:…>`. */
    mailto: string;
    /** https base for one-click unsubscribe links; a per-recipient token is appended. */
    url?: string;
  };
  sending: {
    rates: RateLimit[];
    connections: number;
    /** Tries per recipient within one run (4xx replies, lost connections). */
    retries: number;
    /** Wait before the second try; doubled for each further one. */
    retryDelayMs: number;
    /** Connection failures in a row after which the server is taken to be down (exit 75). */
    stopAfterFailures: number;
    /** The longest a run waits for a rate window before leaving the rest to the next run (exit 75). */
    maxWaitMs: number;
    /** `send --due` leaves an issue this long past its send_at alone unless told otherwise. */
    staleAfterMs: number;
  };
  /** How snippet signs in to the SMTP server when not with a password. */
  smtp: { oauth2?: OAuth2Settings };
  /** When `snippet new` sets an issue's send_at. */
  schedule: Schedule;
  spotlight: {
    /** Featuring an organisation again within this many months, while others wait, is a warning. */
    repeatMonths: number;
  };
  /** Quarterly network meetings, oldest first. */
  meetings: Meeting[];
  /** An issue shows the next meeting when it is at most this far after the send date (`meetings.show_within`, default 4 months). */
  meetingsShowWithin: Period;
  /** How long a meeting without an end_time lasts, in calendars (`meetings.default_length`, default 2 hours). */
  meetingsDefaultLengthMs: number;
  /** The network's own list of areas (`areas:`); empty when the config has none, and organisations' areas are free text. */
  areas: NetworkArea[];
  /** The website's services directory. */
  directory: {
    /** A word searched for also finds these (lower-case): the defaults, then the config's `directory.synonyms`. */
    synonyms: Record<string, string[]>;
  };
  /** How the email greets a member without a `greeting_name` (default `colleague`): first names are never guessed. */
  greeting?: GreetingStyle;
  /** Who runs the network: named in the "share your news" block. */
  coordinator?: { name: string; role?: string; email?: string };
  /** The network's website (`snippet site`): emails link to their web version and the join page. */
  site?: SiteSettings;
  /** The sender's mailbox, read by `snippet mailbox` for bounces after delivery, complaints and unsubscribe replies. */
  mailbox: MailboxSettings;
  /** Members' contributions through a form (`snippet submissions import`). */
  submissions: {
    /** The form members fill in; shown in the "share your news" block. */
    formUrl?: string;
    /** Items for the next issue are asked for this many days before its send date. */
    deadlineDays: number;
    /** The form's own column headings, keyed by the standard question they answer (e.g. `Title: Name of the course`). */
    columns: Record<string, string>;
  };
}

export interface MailboxSettings {
  /** `imaps://USER@HOST/FOLDER` addresses, as written; empty when the mailbox is not read over IMAP. */
  urls: string[];
  /** Where reports that were acted on are moved (default `snippet/processed`). */
  processedFolder: string;
  /** Soft bounces in this many consecutive issues suppress an address (default 3). */
  softBounceIssues: number;
  /** `send --due` reads the mailbox first (default false). */
  beforeSend: boolean;
}

/** `colleague`: "Dear colleague,"; `full-name`: "Dear Dr Anna Kowalska," (and "Dear colleague," without a name). */
export type GreetingStyle = 'colleague' | 'full-name';

/** A length of time counted in calendar days or months. */
export interface Period {
  count: number;
  unit: 'day' | 'month';
}

/** One area of the network, with its ONS/GSS code where the config gives it (e.g. S12000038 for Renfrewshire). */
export interface NetworkArea {
  name: string;
  code?: string;
}

/** What a search for the word also looks for; a network adds its own in `directory.synonyms`. */
export const DEFAULT_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  dad: ['father', 'partner'],
  dads: ['father', 'partner'],
  mum: ['mother'],
  mums: ['mother'],
  pnd: ['postnatal depression'],
};

export interface SiteSettings {
  /** Absolute, ending in `/`: every page's address starts with it. */
  url: string;
  /** True asks search engines not to index the site (`noindex`). */
  private: boolean;
  /** A form where people ask to join. */
  joinUrl?: string;
  /** An address people write to, to join. */
  joinEmail?: string;
}

/**
 * XOAUTH2 sign-in (Microsoft 365): the access token comes from a command, or
 * from Microsoft's token endpoint with client credentials. The client secret
 * itself is never in the config: it is read from SNIPPET_SMTP_OAUTH_CLIENT_SECRET.
 */
export type OAuth2Settings =
  { source: 'command'; command: string } | { source: 'client-credentials'; tenantId: string; clientId: string; scope: string; tokenUrl: string };

/** Limits that a named provider documents; explicit values in the config win. */
export const SENDING_PRESETS = {
  'microsoft-365': { rate: ['30/minute', '10000/day'], connections: 3 },
} as const;

export type SendingPreset = keyof typeof SENDING_PRESETS;

export interface Schedule {
  /** The first Monday to Friday that is not a Scottish bank holiday, or a fixed day of the month. */
  sendDay: 'first-working-day' | number;
  /** Local time of day, `HH:MM`. */
  sendTime: string;
}

export interface Meeting {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Local `HH:MM`, when known. */
  time?: string;
  /** Local `HH:MM`, when known. */
  endTime?: string;
  /** Where: a place. At least one of venue and link is set. */
  venue?: string;
  /** A joining link for an online or hybrid meeting. */
  link?: string;
  /** Markdown: agenda, how to join online, who to tell. */
  details?: string;
}

export const CONFIG_FILE = 'snippet.config.yaml';
