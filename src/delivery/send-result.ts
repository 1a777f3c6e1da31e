/** What one SMTP transaction (or outbox write) came to. */
export type SendResult =
  | { status: 'delivered'; response: string }
  /** Not taken, try again later: a 4xx reply, or a failure before the message data was sent. */
  | {
      status: 'deferred';
      reason: string;
      connectionFailure: boolean;
      /** Set when no message can get through until the user fixes something (sign-in, TLS). */
      fatal?: string;
    }
  /** Refused for good: a 5xx reply, in the server's words. */
  | { status: 'failed'; reason: string; noSuchUser: boolean }
  /** The message data went out but no reply came: the server may have it. */
  | { status: 'in-doubt'; reason: string };

export interface Envelope {
  from: string;
  to: string;
}

/** A transport: SMTP, or an outbox folder. */
export interface Mailer {
  /**
   * A connection ready for one transaction, or why none could be had. The
   * engine takes it before its rate-limit slot, so connecting never eats
   * into a window.
   */
  open(): Promise<Channel | ConnectFailure>;
  close(): Promise<void>;
}

export type ConnectFailure = Extract<SendResult, { status: 'deferred' }>;

/**
 * One ready connection, used for one message or given back; or, when a
 * send pipelined the next message's envelope, kept for that message.
 */
export interface Channel {
  /**
   * Sends one message, given as pieces sent one after the other (most of a
   * newsletter's are shared by every recipient's message and must not be
   * changed). Never throws for the server's or the network's failures, only
   * returns them.
   *
   * `durable` is the ledger's attempt line being synced: the envelope (MAIL
   * FROM, RCPT TO) may go ahead while it syncs, but no byte of the message
   * data goes out before it resolves, and none at all when it rejects.
   *
   * `next`, when given, is asked once, just before this message's data goes
   * out (its attempt durable), for the envelope of the message to send after
   * it on this connection. When the server offers PIPELINING that envelope
   * goes out with this message's end of data, and `ahead()` says so once
   * this send has returned: the channel is then kept for that message, whose
   * send (its own attempt made durable first) sends only its data, or given
   * up with `release()`, which drops the connection.
   *
   * It throws only for a bug of its own, as a TransportBug (anything else
   * thrown counts as a bug after the data may have gone).
   */
  send(envelope: Envelope, message: readonly Buffer[], durable?: Promise<void>, next?: () => Envelope | undefined): Promise<SendResult>;
  /**
   * The envelope that went out with the last message's end of data, once
   * the server has answered it: that message is to be sent next on this
   * channel. Undefined when none went, or the connection was lost before
   * the server answered it (the server drops it with the connection: that
   * message was not sent).
   */
  ahead(): Envelope | undefined;
  /** Gives the connection back unused; drops it when an envelope went ahead (the server may be waiting for its data). */
  release(): void;
}

export function isConnectFailure(value: Channel | ConnectFailure): value is ConnectFailure {
  return 'status' in value;
}

/**
 * A bug in a transport (a TypeError, say), never the server's or the
 * network's failure: thrown by Channel.send with whether any of the
 * message's data may have gone out, so the ledger can say whether the
 * message is in doubt. The engine stops the run and throws `bug` on.
 */
export class TransportBug extends Error {
  constructor(
    readonly bug: unknown,
    readonly dataMayHaveGone: boolean,
  ) {
    super(bug instanceof Error ? bug.message : String(bug), { cause: bug });
    this.name = 'TransportBug';
  }
}
