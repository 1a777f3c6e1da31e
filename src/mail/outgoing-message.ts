import type { Mailbox } from '../schema/mailbox.js';

/** A message ready for a transport: everything nodemailer needs, nothing it decides. */
export interface OutgoingMessage {
  from: Mailbox;
  to: Mailbox;
  replyTo?: Mailbox;
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets. */
  messageId: string;
  date: Date;
  headers: Record<string, string>;
  /** SMTP envelope sender (bounces); defaults to from. */
  envelopeFrom?: string;
}
