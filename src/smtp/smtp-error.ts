/**
 * nodemailer's codes for what goes wrong in an SMTP session, which
 * classify-smtp-error.ts reads: the connection (ECONNECTION, ETIMEDOUT,
 * ESOCKET, EDNS), TLS, the sign-in, the envelope, the message, the protocol.
 */
export type SmtpErrorCode = 'ECONNECTION' | 'ETIMEDOUT' | 'ESOCKET' | 'EDNS' | 'ETLS' | 'EAUTH' | 'EENVELOPE' | 'EMESSAGE' | 'EPROTOCOL';

/**
 * A failure of the SMTP session, the server's or the network's: what the
 * client throws. Anything else thrown under it is a bug, and is never taken
 * for a lost connection.
 */
export class SmtpError extends Error {
  readonly code: SmtpErrorCode;
  /** The command that failed, e.g. `STARTTLS`, `AUTH PLAIN`. */
  readonly command: string | undefined;
  /** The system's code (ECONNREFUSED, a certificate's) when `code` says only ESOCKET. */
  readonly originalCode: string | undefined;
  readonly responseCode: number | undefined;
  readonly response: string | undefined;

  constructor(code: SmtpErrorCode, message: string, details: { command?: string; originalCode?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SmtpError';
    this.code = code;
    this.command = details.command;
    this.originalCode = details.originalCode;
  }
}

/** The server answered, and its reply was a refusal (or a 421: it is closing). */
export class SmtpReplyError extends SmtpError {
  override readonly responseCode: number;
  override readonly response: string;

  constructor(code: SmtpErrorCode, message: string, reply: { code: number; text: string }, command?: string) {
    super(code, message, command === undefined ? {} : { command });
    this.name = 'SmtpReplyError';
    this.responseCode = reply.code;
    this.response = reply.text;
  }
}
