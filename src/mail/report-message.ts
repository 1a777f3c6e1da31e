import { randomBytes } from 'node:crypto';
import type { Mailbox } from '../schema/mailbox.js';
import { asciiAddress, formatAddress, header, rfc5322Date } from './message-builder.js';
import { encodeHeaderWords, quotedPrintable } from './mime-encoding.js';

export interface ReportMessage {
  envelope: { from: string; to: string };
  messageId: string;
  raw: Buffer;
}

/** A short plain-text message to the coordinator (a delivery report), CRLF line ends. */
export function buildReportMessage(input: { from: Mailbox; to: Mailbox; subject: string; text: string; date: Date }): ReportMessage {
  const domain = input.from.address.split('@')[1] ?? 'localhost';
  const messageId = `snippet.report.${randomBytes(12).toString('hex')}@${domain}`;
  const headers = [
    header('From', formatAddress(input.from)),
    header('To', formatAddress(input.to)),
    header('Subject', encodeHeaderWords(input.subject)),
    header('Date', rfc5322Date(input.date)),
    header('Message-ID', `<${messageId}>`),
    // Automatic, so that out-of-office replies stay away (RFC 3834).
    'Auto-Submitted: auto-generated',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
  ].join('\r\n');
  const body = quotedPrintable(`${input.text.replace(/\r?\n/gu, '\r\n')}\r\n`);
  return { envelope: { from: asciiAddress(input.from.address), to: asciiAddress(input.to.address) }, messageId, raw: Buffer.from(`${headers}\r\n\r\n${body}`) };
}
