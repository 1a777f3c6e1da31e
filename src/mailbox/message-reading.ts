import type { Severity } from './judge-failure.js';

/** What a message in the sender's mailbox is. */
export type MessageKind = 'hard' | 'soft' | 'auto-reply' | 'complaint' | 'unsubscribe' | 'delivered' | 'other';

/** One recipient a report is about. */
export interface ReportedRecipient {
  address: string;
  /** The address the failing server delivered to, when it differs (an alias or forward). */
  finalAddress?: string;
  /** The enhanced status code, e.g. 5.1.1. */
  status: string | undefined;
  /** For a failure: whether the address is bad for good. */
  severity: Severity | undefined;
  /** The server's words, on one line. */
  words: string;
}

/** An unsubscribe request: who asked, for which address, with what proof. */
export interface UnsubscribeRequest {
  /** The address to unsubscribe: the one in the subject, else the sender's. */
  address: string;
  /** The token from the subject (`unsubscribe ADDRESS TOKEN`), as the List-Unsubscribe link wrote it. */
  token: string | undefined;
  /** The From address. */
  from: string | undefined;
  /** The receiving server's Authentication-Results (the topmost) says DMARC passed for the From domain. */
  dmarcPass: boolean;
}

export interface MessageReading {
  kind: MessageKind;
  /** Failed (hard, soft), complained-about, or delivered recipients; empty for the other kinds. */
  recipients: ReportedRecipient[];
  /** The report's own Message-ID, without angle brackets. */
  messageId: string | undefined;
  /** The Message-ID of the message it reports on (returned headers, quoted text, or In-Reply-To). */
  originalMessageId: string | undefined;
  /** The issue that message was, when its Message-ID is one of ours (`snippet.2026-12.…`). */
  issue: string | undefined;
  from: string | undefined;
  subject: string;
  date: Date | undefined;
  unsubscribe?: UnsubscribeRequest;
}
