import { isAutoReply } from './auto-reply.js';
import { decodeHeaderWords } from './decode-text.js';
import { parseDeliveryStatus, type DsnRecipient } from './delivery-status.js';
import { complainedAddresses } from './feedback-report.js';
import { headerValue, headerValues, parseHeaderBlock } from './header-fields.js';
import { judgeFailure } from './judge-failure.js';
import type { MessageKind, MessageReading, ReportedRecipient } from './message-reading.js';
import { enclosedMessage, ownParts, parseMimeMessage, partText, type MimePart } from './mime-part.js';
import { bounceSpeech, readTextBounce, statusIn, type TextFailure } from './text-bounce.js';
import { readSesNotification } from './ses-notification.js';
import { addressesIn, unsubscribeRequest } from './unsubscribe-request.js';

export interface ReadMessageOptions {
  /** The unsubscribe addresses (`unsubscribe.mailto`), lower-case: mail to them is an unsubscribe request. */
  unsubscribeAddresses: ReadonlySet<string>;
}

const BOUNCE_SENDER = /^(?:mailer-daemon|postmaster|post_master|mail\.delivery\.system|mailerdaemon|mdaemon|sysadmin)@|^mail delivery|^mailer[- ]daemon/iu;
const BOUNCE_SUBJECT =
  /undeliver|delivery status notification|delivery (?:failure|failed|notification|problem|has failed)|failure (?:notice|delivery)|returned mail|mail delivery failed|undelivered mail|mail system error|could not be delivered|non-?delivery|failed delivery|not delivered|delivery status|returning message to sender|mail failure|nondeliverable/iu;

const BOUNCE_TEXT =
  /(?:could\s+not|couldn't|cannot|can't|wasn't|was\s+not)\s+be(?:en)?\s+delivered|undeliverable|delivery\s+(?:has\s+)?failed|permanent\s+(?:error|failure)|not\s+delivered\s+to/iu;

/**
 * Pure: one raw message from the sender's mailbox in, what it is out:
 * a delivery report (RFC 3464, or the text of Postfix, Exim, Sendmail, qmail,
 * Exchange, Gmail and the like) with each failed recipient judged hard or
 * soft, an automatic reply, a spam complaint (ARF), an unsubscribe request,
 * a success report, or other mail. Never throws on a malformed message: what
 * cannot be read is read as `other`.
 */
export function readMessage(raw: Buffer | string, options: ReadMessageOptions): MessageReading {
  return detached(readParsed(raw, options));
}

function readParsed(raw: Buffer | string, options: ReadMessageOptions): MessageReading {
  const source = typeof raw === 'string' ? raw : raw.toString('latin1');
  const root = parseMimeMessage(source);
  const fields = root.fields;
  const subject = decodeHeaderWords(headerValue(fields, 'subject') ?? '');
  const from = addressesIn(decodeHeaderWords(headerValue(fields, 'from') ?? ''))[0];
  const parts = ownParts(root);
  const originalMessageId = findOriginalMessageId(root, parts);
  const base = {
    messageId: bracketless(headerValue(fields, 'message-id')),
    originalMessageId,
    issue: issueOfMessageId(originalMessageId),
    from,
    subject,
    date: dateOf(headerValue(fields, 'date')),
  };
  const reading = (kind: MessageKind, recipients: ReportedRecipient[] = []): MessageReading => ({ kind, recipients, ...base });

  const feedback = parts.find((p) => p.contentType.type === 'message/feedback-report');
  if (feedback || root.contentType.params['report-type']?.toLowerCase() === 'feedback-report') {
    const named = feedback ? complainedAddresses(partText(feedback)) : [];
    const addresses = named.length > 0 ? named : returnedTo(parts);
    return reading(
      'complaint',
      addresses.map((address) => ({ address, status: undefined, severity: undefined, words: '' })),
    );
  }

  const ownAddresses = new Set([...headerValues(fields, 'return-path'), headerValue(fields, 'from') ?? ''].flatMap(addressesIn).map((a) => a.toLowerCase()));
  const ignore = new Set([
    ...ownAddresses,
    ...headerValues(fields, 'to')
      .flatMap(addressesIn)
      .map((a) => a.toLowerCase()),
  ]);
  const text = reportText(parts);
  const dsn = parts.filter((p) => /^message\/(?:global-)?delivery-status$/u.test(p.contentType.type)).flatMap((p) => parseDeliveryStatus(partText(p)));
  if (dsn.length > 0) return fromDeliveryStatus(dsn, text, ignore, reading);

  const ses = readSesNotification(text);
  if (ses) return reading(ses.kind, ses.recipients);

  const robot = BOUNCE_SENDER.test(from ?? '') || BOUNCE_SENDER.test(decodeHeaderWords(headerValue(fields, 'from') ?? '').trim());
  const autoReply = isAutoReply(fields, subject);
  // A null return path (RFC 5321 4.5.5) marks a report, as do a returned message and words of failure.
  const nullSender = /^\s*<\s*>\s*$/u.test(headerValue(fields, 'return-path') ?? '');
  const saysFailed = BOUNCE_TEXT.test(text.slice(0, 4000)) && (nullSender || parts.some((p) => enclosedMessage(p) !== undefined));
  if (robot || (!autoReply && (BOUNCE_SUBJECT.test(subject) || saysFailed))) {
    const { speech, returned } = bounceSpeech(text);
    let failures = readTextBounce(speech, ignore);
    // Exim and Google name the failed recipients in a header of their own.
    const named = headerValues(fields, 'x-failed-recipients').flatMap(addressesIn);
    if (named.length > 0) {
      const spokenOf = (address: string): TextFailure | undefined => failures.find((f) => f.address.toLowerCase() === address.toLowerCase());
      failures = named.map((address) => spokenOf(address) ?? { address, status: statusIn(speech), words: '' });
    }
    if (failures.length === 0)
      failures = [...returnedTo(parts), ...returnedTextTo(returned)].map((address) => ({ address, status: statusIn(speech), words: '' }));
    // A message the sender sent to herself names her as the recipient too.
    if (failures.length === 0) failures = readTextBounce(speech, ownAddresses);
    const recipients = failures.map((f) => ({
      address: f.address,
      status: f.status,
      severity: judgeFailure({ status: f.status, words: f.words || speech, context: speech }),
      words: oneLine(f.words),
    }));
    if (recipients.length > 0) return reading(worst(recipients), recipients);
    return reading(judgeFailure({ status: statusIn(speech), words: speech }));
  }
  if (autoReply) return reading('auto-reply');
  const unsubscribe = unsubscribeRequest(fields, subject, from, options.unsubscribeAddresses);
  if (unsubscribe) return { ...reading('unsubscribe', [{ address: unsubscribe.address, status: undefined, severity: undefined, words: '' }]), unsubscribe };
  return reading('other');
}

function fromDeliveryStatus(
  dsn: DsnRecipient[],
  text: string,
  ignore: ReadonlySet<string>,
  reading: (kind: MessageKind, recipients?: ReportedRecipient[]) => MessageReading,
): MessageReading {
  const failing = dsn.filter((r) => r.action === undefined || r.action === 'failed' || r.action === 'delayed');
  const spoken = readTextBounce(bounceSpeech(text).speech, ignore);
  // A recipient written as a path or a bare route (@host): the addresses come from the text, the status from the report.
  const failed = failing.some((r) => r.address !== undefined)
    ? failing.filter((r) => r.address !== undefined)
    : spoken.map((s): DsnRecipient => ({
        address: s.address,
        finalAddress: undefined,
        action: failing[0]?.action,
        status: failing[0]?.status ?? s.status,
        diagnostic: undefined,
        diagnosticType: undefined,
      }));
  if (failing.length === 0 || failed.length === 0) {
    const delivered = dsn.flatMap((r) =>
      r.address ? [{ address: r.address, status: r.status, severity: undefined, words: oneLine(r.diagnostic ?? '') }] : [],
    );
    return reading('delivered', delivered);
  }
  const recipients = failed.map((r): ReportedRecipient => {
    const address = r.address!;
    const told = spoken.find((s) => s.address.toLowerCase() === address.toLowerCase() || s.address.toLowerCase() === r.finalAddress?.toLowerCase());
    const words = r.diagnostic ?? told?.words ?? '';
    const status = r.action === 'delayed' ? (r.status?.startsWith('4.') ? r.status : '4.0.0') : (r.status ?? statusIn(words));
    const severity = judgeFailure({
      status,
      words,
      context: text,
      localMailer: r.diagnosticType?.startsWith('x-') === true && r.diagnosticType !== 'x-postfix',
    });
    return { address, ...(r.finalAddress && r.finalAddress !== address ? { finalAddress: r.finalAddress } : {}), status, severity, words: oneLine(words) };
  });
  return reading(worst(recipients), recipients);
}

function worst(recipients: readonly ReportedRecipient[]): MessageKind {
  return recipients.some((r) => r.severity === 'hard') ? 'hard' : 'soft';
}

/** The human-readable text of the report itself: its text parts, not the returned message's. */
function reportText(parts: readonly MimePart[]): string {
  const texts = parts.filter((p) => p.contentType.type === 'text/plain' && p.parts.length === 0).map(partText);
  if (texts.length > 0) return texts.join('\n');
  return parts
    .filter((p) => p.contentType.type === 'text/html')
    .map((p) =>
      partText(p)
        .replace(/<(?:br|\/p|\/div|\/tr|\/li)[^>]*>/giu, '\n')
        .replace(/<[^>]*>/gu, ' ')
        .replace(/&nbsp;/gu, ' ')
        .replace(/&lt;/gu, '<')
        .replace(/&gt;/gu, '>')
        .replace(/&amp;/gu, '&'),
    )
    .join('\n');
}

/** The Message-ID of the message a report is about: from the returned message or headers, the quoted text, or In-Reply-To. */
function findOriginalMessageId(root: MimePart, parts: readonly MimePart[]): string | undefined {
  for (const part of parts) {
    const enclosed = enclosedMessage(part);
    const id = enclosed ? bracketless(headerValue(enclosed.fields, 'message-id')) : undefined;
    if (id) return id;
  }
  const own = bracketless(headerValue(root.fields, 'message-id'));
  for (const part of parts) {
    if (!part.contentType.type.startsWith('text/') || part.parts.length > 0) continue;
    const quoted = /^\s*Message-I[Dd]\s*:\s*(<[^>\s]+>)/imu.exec(partText(part));
    const id = bracketless(quoted?.[1]);
    if (id && id !== own) return id;
  }
  return bracketless(headerValue(root.fields, 'in-reply-to')) ?? bracketless(headerValue(root.fields, 'references')?.split(/\s+/u).at(-1));
}

/** The To addresses of the returned message, when the report names no recipient of its own. */
function returnedTo(parts: readonly MimePart[]): string[] {
  for (const part of parts) {
    const enclosed = enclosedMessage(part);
    const to = enclosed ? headerValue(enclosed.fields, 'to') : undefined;
    if (to) return addressesIn(decodeHeaderWords(to));
  }
  return [];
}

/** The To addresses of a message returned as quoted text after the report's words. */
function returnedTextTo(returned: string): string[] {
  const lines = returned.split(/\r?\n/u);
  let start = 0;
  while (start < lines.length && !/^[A-Za-z][\w-]*:\s/u.test(lines[start]!)) start++;
  if (start >= Math.min(lines.length, 4)) return [];
  const header = parseHeaderBlock(lines.slice(start).join('\n'));
  return addressesIn(decodeHeaderWords(headerValue(header.fields, 'to') ?? ''));
}

/**
 * The reading with strings of its own. Strings cut from the message (by
 * slice or a regular expression) keep the whole message's text alive in V8;
 * a run that keeps ten thousand readings would hold every message it read.
 */
function detached(reading: MessageReading): MessageReading {
  const own = <T extends string | undefined>(text: T): T => (text === undefined ? text : (Buffer.from(text, 'utf8').toString('utf8') as T));
  return {
    ...reading,
    messageId: own(reading.messageId),
    originalMessageId: own(reading.originalMessageId),
    issue: own(reading.issue),
    from: own(reading.from),
    subject: own(reading.subject),
    recipients: reading.recipients.map((r) => ({
      address: own(r.address),
      ...(r.finalAddress !== undefined ? { finalAddress: own(r.finalAddress) } : {}),
      status: own(r.status),
      severity: r.severity,
      words: own(r.words),
    })),
    ...(reading.unsubscribe
      ? {
          unsubscribe: {
            ...reading.unsubscribe,
            address: own(reading.unsubscribe.address),
            token: own(reading.unsubscribe.token),
            from: own(reading.unsubscribe.from),
          },
        }
      : {}),
  };
}

/** The issue of one of our Message-IDs, `snippet.2026-12.<hash>@domain`. */
export function issueOfMessageId(id: string | undefined): string | undefined {
  return id === undefined ? undefined : /^snippet\.(\d{4}-\d{2})\./u.exec(id)?.[1];
}

function bracketless(value: string | undefined): string | undefined {
  const id = value
    ?.trim()
    .replace(/^<|>.*$/gsu, '')
    .trim();
  return id ? id : undefined;
}

function dateOf(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value.replace(/\s*\([^)]*\)\s*$/u, ''));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function oneLine(words: string): string {
  const line = words.replace(/\s+/gu, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
