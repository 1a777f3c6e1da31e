import type { Envelope } from './send-result.js';

/** What the engine sends: one recipient's message, and the id its attempt is recorded under. */
export interface OutgoingMessage {
  envelope: Envelope;
  messageId: string;
  /**
   * The complete RFC 5322 message, CRLF line ends, in pieces sent one after
   * the other; most are shared by every recipient's message and must not be
   * changed.
   */
  chunks: readonly Buffer[];
}
