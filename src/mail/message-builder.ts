import { randomBytes } from 'node:crypto';
import { domainToASCII } from 'node:url';
import type { Config } from '../config/config.js';
import type { OutgoingMessage } from '../delivery/outgoing-message.js';
import type { IssueId } from '../issue/issue.js';
import type { PlaceholderName } from '../render/placeholders.js';
import { recipientValues, splitAtPlaceholders } from '../render/personalise.js';
import type { RenderedIssue } from '../render/render-issue.js';
import type { Mailbox } from '../schema/mailbox.js';
import { messageId } from './message-id.js';
import { encodeHeaderWords, foldHeader, quotedPrintable } from './mime-encoding.js';
import { unsubscribeLinker, unsubscribeToken } from './unsubscribe-token.js';

export interface MessageRecipient {
  email: string;
  name?: string;
  /** members.csv's greeting_name. */
  greetingName?: string;
}

export interface BuiltMessage extends OutgoingMessage {
  /** The recipient's visible unsubscribe link: the signed https URL, or the mailto address. */
  unsubscribeUrl: string;
  /** The List-Unsubscribe header's value. */
  listUnsubscribe: string;
  /** The chunks joined, made on each use: for files and tests, not for sending. */
  readonly raw: Buffer;
}

export interface MessageBuilderInput {
  config: Config;
  issueId: IssueId;
  rendered: Pick<RenderedIssue, 'subject' | 'html' | 'text'>;
  /** Test sends: subject prefixed [TEST] and their own Message-IDs. */
  test: boolean;
  /** Signs one-click unsubscribe links; required when config.unsubscribe.url is set. */
  unsubscribeSecret: string | undefined;
  /** The Date header; called once per message. */
  now: () => Date;
}

const CRLF = '\r\n';

/**
 * Prepares an issue's messages: everything the same for every recipient (the
 * headers, and the quoted-printable HTML and text between the personal
 * values) is encoded here, once. Each recipient's message is then a handful
 * of short encodings between shared buffers, sent without joining them.
 *
 * Quoted-printable allows a soft line break anywhere, so each encoded piece
 * ends with one and the pieces join into a valid body whose decoded text is
 * exactly personalise()'s output.
 */
export function prepareMessageBuilder(input: MessageBuilderInput): (recipient: MessageRecipient) => BuiltMessage {
  const { config, issueId } = input;
  if (config.unsubscribe.url && !input.unsubscribeSecret) {
    throw new Error('prepareMessageBuilder needs the unsubscribe secret when an unsubscribe URL is configured');
  }
  const domain = config.from.address.split('@')[1] ?? 'localhost';
  const boundary = `----=_snippet_${randomBytes(12).toString('hex')}`;
  const subject = input.test ? `[TEST] ${input.rendered.subject}` : input.rendered.subject;
  const listLabel = config.network.shortName.replace(/[^A-Za-z0-9 ._-]/gu, '').trim() || 'snippet';
  const listId = `${listLabel.toLowerCase().replace(/\s+/gu, '-')}.${domain}`;

  const staticHeaders = [
    header('From', formatAddress(config.from)),
    ...(config.replyTo ? [header('Reply-To', formatAddress(config.replyTo))] : []),
    header('Subject', encodeHeaderWords(subject)),
    header('List-Id', `${encodeHeaderWords(listLabel)} <${listId}>`),
    'MIME-Version: 1.0',
    header('Content-Type', `multipart/alternative; boundary="${boundary}"`),
  ].join(CRLF);

  const textPart = encodeSegments(input.rendered.text);
  const htmlPart = encodeSegments(input.rendered.html);
  const textHead = Buffer.from(
    `${CRLF}${CRLF}--${boundary}${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}`,
  );
  const htmlHead = Buffer.from(
    `${CRLF}--${boundary}${CRLF}Content-Type: text/html; charset=utf-8${CRLF}Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}`,
  );
  const closing = Buffer.from(`${CRLF}--${boundary}--${CRLF}`);
  const envelopeFrom = asciiAddress(config.from.address);
  const link = config.unsubscribe.url ? unsubscribeLinker(config.unsubscribe.url, input.unsubscribeSecret!) : undefined;

  return (recipient) => {
    const to = asciiAddress(recipient.email);
    const signed = link?.(recipient.email);
    const httpsUnsubscribe = signed?.url;
    // The member's token in the subject lets `snippet mailbox` act on the request without asking: only this member's mail has it.
    const token = signed ? ` ${signed.token}` : input.unsubscribeSecret ? ` ${unsubscribeToken(input.unsubscribeSecret, recipient.email)}` : '';
    const mailto = `mailto:${config.unsubscribe.mailto}?subject=${encodeURIComponent(`unsubscribe ${recipient.email}${token}`)}`;
    const id = messageId(issueId, recipient.email, domain, input.test);
    const visibleUnsubscribe = httpsUnsubscribe ?? mailto;
    const values = recipientValues({ ...recipient, unsubscribeUrl: visibleUnsubscribe }, config.greeting);
    const listUnsubscribe = httpsUnsubscribe ? `<${httpsUnsubscribe}>, <${mailto}>` : `<${mailto}>`;
    const personalHeaders = [
      header('To', formatAddress({ address: recipient.email, ...(recipient.name ? { name: recipient.name } : {}) })),
      header('Date', rfc5322Date(input.now())),
      header('Message-ID', `<${id}>`),
      header('List-Unsubscribe', listUnsubscribe),
      ...(httpsUnsubscribe ? ['List-Unsubscribe-Post: List-Unsubscribe=One-Click'] : []),
    ].join(CRLF);
    const chunks = [Buffer.from(`${personalHeaders}${CRLF}${staticHeaders}`), textHead, ...textPart(values.text), htmlHead, ...htmlPart(values.html), closing];
    return {
      envelope: { from: envelopeFrom, to },
      messageId: id,
      unsubscribeUrl: visibleUnsubscribe,
      listUnsubscribe,
      chunks,
      get raw() {
        return Buffer.concat(chunks);
      },
    };
  };
}

/** Encodes a part's literal pieces once; returns a function giving one recipient's encoded body. */
function encodeSegments(part: string): (values: Record<PlaceholderName, string>) => Buffer[] {
  const { literals, names } = splitAtPlaceholders(part.replace(/\r?\n/gu, CRLF));
  const encoded = literals.map((literal, i) => Buffer.from(softEnd(quotedPrintable(literal), i === literals.length - 1)));
  return (values) => {
    const pieces: Buffer[] = [encoded[0]!];
    for (let i = 0; i < names.length; i++) {
      // A value may span lines (a long greeting, wrapped): the part's CRLF, as in the literals.
      pieces.push(Buffer.from(softEnd(quotedPrintable(values[names[i]!].replace(/\r?\n/gu, CRLF)), false)), encoded[i + 1]!);
    }
    return pieces;
  };
}

/** Ends an encoded piece with a soft line break, so the next piece starts a fresh line. */
function softEnd(encoded: string, last: boolean): string {
  if (last || encoded === '' || encoded.endsWith(CRLF)) return encoded;
  return `${encoded}=${CRLF}`;
}

export function header(name: string, value: string): string {
  return foldHeader(`${name}: ${value.replace(/[\r\n]+/gu, ' ')}`);
}

export function formatAddress(mailbox: Mailbox): string {
  const address = asciiAddress(mailbox.address);
  if (!mailbox.name) return address;
  const name = mailbox.name.replace(/[\r\n]+/gu, ' ');
  const foldable = name.split(/\s+/u).every((word) => word.length <= 60);
  if (foldable && /^[\w ']*$/u.test(name)) return `${name} <${address}>`;
  if (foldable && /^[\x20-\x7e]*$/u.test(name)) return `"${name.replace(/([\\"])/gu, '\\$1')}" <${address}>`;
  return `${encodeHeaderWords(name)} <${address}>`;
}

/** The domain in ASCII (punycode) for headers and the SMTP envelope. */
export function asciiAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const domain = address.slice(at + 1);
  return /^[\x20-\x7e]*$/u.test(domain) ? address : `${address.slice(0, at)}@${domainToASCII(domain) || domain}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function rfc5322Date(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}
