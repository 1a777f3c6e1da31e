/** One message as a source hands it over: where it is, and a way to get its bytes. */
export interface SourceMessage {
  /** How reports name it: `FILE`, `FILE.mbox#N` (the N-th message, from 1), or `FOLDER:UID`. */
  source: string;
  /** The Message-ID, without angle brackets, when the source knows it before loading (IMAP's envelope). */
  messageId: string | undefined;
  /** When the message arrived (IMAP's internal date, a file's modification time). */
  arrived: Date | undefined;
  /** The raw message. */
  load(): Promise<Buffer>;
  /** Moves it to the processed folder: over IMAP only; files are never changed. */
  moveToProcessed?: () => Promise<void>;
}

/** A place messages are read from: an IMAP folder, a folder of .eml files, or an mbox file. Reading never changes it. */
export interface MailSource {
  /** How reports name the source: the path as given, or `imaps://user@host/FOLDER`. */
  label: string;
  /** The messages, in the source's order; with `since`, only those that arrived on or after it where the source can tell. */
  messages(since: Date | undefined): AsyncIterable<SourceMessage>;
  close(): Promise<void>;
}
