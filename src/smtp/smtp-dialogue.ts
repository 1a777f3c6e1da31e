import { connect as connectTcp, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { connect as connectTls, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { SmtpError, SmtpReplyError, type SmtpErrorCode } from './smtp-error.js';
import type { SmtpConnectionOptions } from './smtp-connection-options.js';

export interface SmtpReply {
  code: number;
  /** The whole reply, lines joined with newlines. */
  text: string;
}

/** A reply that is refused, in nodemailer's words and codes (classify-smtp-error.ts reads them). */
export function replyError(code: SmtpErrorCode, what: string, reply: SmtpReply, command: string): SmtpReplyError {
  return new SmtpReplyError(code, `${what}: ${reply.text}`, reply, command);
}

/** Longer replies are a broken or hostile server, not SMTP. */
const MAX_REPLY_CHARS = 64 * 1024;

/**
 * One SMTP session: replies read in order, each handed to whoever waits for
 * it, so commands can be sent one at a time or several in one write
 * (PIPELINING, RFC 2920). TLS as a send makes it: implicit, or STARTTLS
 * (required outside loopback), certificate verified. Used by sends and by
 * doctor's probe, which must stop after MAIL FROM.
 */
export class SmtpDialogue {
  private buffer = '';
  private lines: string[] = [];
  /** Who waits for the next replies, in the order the commands went out. */
  private waiting: Waiter[] = [];
  private failure: SmtpError | undefined;

  private constructor(
    private socket: Socket | TLSSocket,
    /** Inactivity on the socket longer than this fails whoever waits (ETIMEDOUT). */
    private readonly socketTimeout: number,
    /** STARTTLS was used. */
    public secure = false,
  ) {
    this.listen();
  }

  /** Connects, reads the greeting and says EHLO, upgrading with STARTTLS as the options say. Throws an SmtpError. */
  static async open(options: SmtpConnectionOptions): Promise<SmtpDialogue> {
    const tls: ConnectionOptions = options.tls;
    const socket = await new Promise<Socket>((resolve, reject) => {
      const opened = options.secure ? connectTls({ host: options.host, port: options.port, ...tls }) : connectTcp({ host: options.host, port: options.port });
      const timer = setTimeout(() => (opened.destroy(), reject(new SmtpError('ETIMEDOUT', 'the connection timed out'))), options.connectionTimeout);
      opened.once(options.secure ? 'secureConnect' : 'connect', () => (clearTimeout(timer), resolve(opened)));
      opened.once('error', (error: NodeJS.ErrnoException) => (clearTimeout(timer), reject(socketError(error))));
    });
    // Commands go out in the writes they are made in (cork for a batch); Nagle would hold each back for the last ACK.
    socket.setNoDelay(true);
    const dialogue = new SmtpDialogue(socket, options.socketTimeout);
    try {
      const greeting = await dialogue.reply(options.greetingTimeout);
      // A 554 here refuses this client outright, whoever the message is for: classifyConnectError makes any 5xx while connecting a stop.
      if (greeting.code !== 220) throw new SmtpReplyError('EPROTOCOL', greeting.text, greeting, 'greeting');
      const name = options.name ?? hostname();
      let hello = await dialogue.command(`EHLO ${name}`);
      // A server without ESMTP gets HELO, where plain SMTP is allowed (loopback); it offers no extensions.
      if (hello.code !== 250 && hello.code !== 421 && options.ignoreTLS) hello = await dialogue.expect(`HELO ${name}`, 250);
      if (hello.code !== 250) throw replyError('EPROTOCOL', 'EHLO', hello, 'EHLO');
      const startTls = ehloOffers(hello.text, 'STARTTLS');
      if (!options.secure && !options.ignoreTLS && (options.requireTLS || startTls)) {
        if (!startTls) throw new SmtpError('ETLS', 'the server does not offer STARTTLS', { command: 'STARTTLS' });
        await dialogue.expect('STARTTLS', 220, 'ETLS');
        await dialogue.upgrade(tls, options.host, options.greetingTimeout);
        hello = await dialogue.expect(`EHLO ${name}`, 250);
      }
      dialogue.extensions = hello.text;
      return dialogue;
    } catch (error) {
      dialogue.destroy();
      throw error;
    }
  }

  /** The server's EHLO reply: the extensions it offers. */
  extensions = '';

  /** The server's EHLO reply offers the extension `keyword` (e.g. SMTPUTF8). */
  offers(keyword: string): boolean {
    return ehloOffers(this.extensions, keyword);
  }

  /** RFC 2920: the server takes several commands in one write. */
  get pipelining(): boolean {
    return this.offers('PIPELINING');
  }

  /** False once the connection failed, closed, or the server said 421 (closing): it is not to be used again. */
  get usable(): boolean {
    return this.failure === undefined && !this.socket.destroyed;
  }

  /** Why the session is not usable. */
  get lostBecause(): SmtpError {
    return this.failure ?? new SmtpError('ECONNECTION', 'Connection closed unexpectedly');
  }

  /** Sends a line and waits for the whole reply. */
  async command(line: string): Promise<SmtpReply> {
    return (await this.commands([line]))[0]!;
  }

  /**
   * Sends the lines in one write and waits for all their replies, in order.
   * A 421 (the server closing) ends the wait early with the replies so far.
   */
  commands(lines: readonly string[]): Promise<SmtpReply[]> {
    if (this.failure) return Promise.reject(this.failure);
    const { replies, sent } = this.replies(lines.length);
    this.socket.write(lines.map((line) => `${line}\r\n`).join(''), sent);
    return replies;
  }

  /** A command whose reply must have `code`; any other is thrown as an SmtpReplyError. */
  async expect(line: string, code: number, errorCode: SmtpErrorCode = 'EPROTOCOL'): Promise<SmtpReply> {
    const reply = await this.command(line);
    if (reply.code !== code) throw replyError(errorCode, line.split(' ')[0]!, reply, line.split(' ')[0]!);
    return reply;
  }

  /** Writes buffers one after the other in one go (corked), never joined, and waits for the one reply to them. */
  async writeAndReply(pieces: readonly Buffer[]): Promise<SmtpReply> {
    return this.writeThenCommands(pieces, []).reply;
  }

  /**
   * Writes buffers (a message's data and its end) and then command lines
   * (the next message's envelope, RFC 2920) in one go, corked: the reply to
   * the buffers, then the replies to the lines, in order. The lines'
   * replies end early at a 421, like `commands`; when the session fails
   * they reject, and that rejection is already handled.
   */
  writeThenCommands(pieces: readonly Buffer[], lines: readonly string[]): { reply: Promise<SmtpReply>; replies: Promise<SmtpReply[]> } {
    if (this.failure) {
      const failed = Promise.reject(this.failure);
      failed.catch(() => undefined);
      return { reply: failed, replies: failed };
    }
    const data = this.replies(1);
    const after = lines.length > 0 ? this.replies(lines.length) : { replies: Promise.resolve([]), sent: () => undefined };
    after.replies.catch(() => undefined);
    this.socket.cork();
    pieces.forEach((piece, i) => this.socket.write(piece, i === pieces.length - 1 ? data.sent : undefined));
    if (lines.length > 0) this.socket.write(lines.map((line) => `${line}\r\n`).join(''), after.sent);
    this.socket.uncork();
    return { reply: data.replies.then((got) => got[0]!), replies: after.replies };
  }

  /**
   * Resolves once the event loop has read what had reached the socket, so a
   * reply the server sent out of turn (before the command it answers) is
   * seen before anything more goes out: the session is then unusable.
   */
  settle(): Promise<void> {
    return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
  }

  /** QUIT, then closes without waiting long for the answer. */
  close(): void {
    if (this.usable) this.socket.end('QUIT\r\n');
    setTimeout(() => this.socket.destroy(), 1_000).unref();
  }

  /** Drops the connection at once: nothing more goes out, not even the end of the data. */
  destroy(): void {
    this.fail(new SmtpError('ECONNECTION', 'the connection was closed'));
    this.socket.destroy();
  }

  /**
   * Waiters for the next `count` replies, and the callback that says their
   * commands have gone out (the socket took the last byte). From then each
   * reply has `socketTimeout` to arrive whole: a server trickling bytes
   * cannot hold a send past it.
   */
  private replies(count: number): { replies: Promise<SmtpReply[]>; sent: () => void } {
    const waiters: Waiter[] = [];
    const replies = new Promise<SmtpReply[]>((resolve, reject) => {
      const got: SmtpReply[] = [];
      const done = (): void => {
        for (const waiter of waiters) clearTimeout(waiter.deadline);
      };
      const take = (reply: SmtpReply | SmtpError): void => {
        if (reply instanceof SmtpError) {
          done();
          return reject(reply);
        }
        got.push(reply);
        if (got.length < count && reply.code !== 421) return;
        done();
        resolve(got);
      };
      for (let i = 0; i < count; i++) waiters.push({ take, sent: false, deadline: undefined });
    });
    this.waiting.push(...waiters);
    const sent = (): void => {
      // Failed before it went out: nothing to wait for.
      if (!this.waiting.includes(waiters[0]!)) return;
      for (const waiter of waiters) {
        waiter.sent = true;
        waiter.deadline = setTimeout(() => this.timedOut(), this.socketTimeout);
      }
      this.deliver();
    };
    return { replies, sent };
  }

  private timedOut(): void {
    this.fail(new SmtpError('ETIMEDOUT', `the server did not answer within ${Math.round(this.socketTimeout / 1000)} s (timed out)`));
    this.socket.destroy();
  }

  /** The greeting, with its own time limit. */
  private async reply(timeoutMs: number): Promise<SmtpReply> {
    const timer = setTimeout(() => this.fail(new SmtpError('ETIMEDOUT', 'Greeting never received')), timeoutMs);
    const { replies } = this.replies(1);
    // The greeting answers the connection itself, with its own time limit.
    this.waiting[0]!.sent = true;
    try {
      return (await replies)[0]!;
    } finally {
      clearTimeout(timer);
    }
  }

  private listen(): void {
    this.socket.setEncoding('utf8');
    this.socket.setTimeout(this.socketTimeout);
    this.socket.on('timeout', () => {
      this.fail(new SmtpError('ETIMEDOUT', 'the server stopped answering (timed out)'));
      this.socket.destroy();
    });
    this.socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, end).replace(/\r$/u, ''));
        this.buffer = this.buffer.slice(end + 1);
      }
      if (this.buffer.length > MAX_REPLY_CHARS || this.lines.length > 1_000) {
        this.fail(new SmtpError('EPROTOCOL', 'Server response exceeds maximum allowed size'));
        this.socket.destroy();
        return;
      }
      this.deliver();
    });
    this.socket.on('error', (error: NodeJS.ErrnoException) => this.fail(socketError(error)));
    this.socket.on('close', () => this.fail(new SmtpError('ECONNECTION', 'Connection closed unexpectedly')));
  }

  private fail(error: SmtpError): void {
    this.failure ??= error;
    this.deliver();
  }

  /** Hands each complete reply (its last line is `NNN ` rather than `NNN-`) to whoever waits, in order. */
  private deliver(): void {
    while (this.waiting.length > 0) {
      const last = this.lines.findIndex((line) => !/^\d{3}-/u.test(line));
      if (last < 0 || (this.failure && !this.waiting[0]!.sent)) {
        if (!this.failure) return;
        // What the server said before it went: a reply cut short is still its reason.
        for (const waiter of this.waiting.splice(0)) waiter.take(this.failure);
        return;
      }
      // A reply before its command went out answers something else: the session is out of step, and
      // whatever was in flight is in doubt. Nothing of it is taken as anyone's reply.
      if (!this.waiting[0]!.sent) {
        this.outOfStep();
        return;
      }
      const lines = this.lines.splice(0, last + 1);
      const reply = { code: Number(lines.at(-1)!.slice(0, 3)), text: lines.join('\n') };
      // RFC 5321 3.8: after 421 the server closes; nothing more is asked of this session.
      if (reply.code === 421) this.failure ??= new SmtpReplyError('ECONNECTION', `Server closed the connection: ${reply.text}`, reply);
      this.waiting.shift()!.take(reply);
    }
    // A reply nobody asked for: a 421 ends an idle session; anything else means the session is out of step.
    if (this.failure === undefined && this.lines.some((line) => !/^\d{3}-/u.test(line))) {
      if (this.lines[0]!.startsWith('421')) {
        this.failure = new SmtpError('ECONNECTION', 'the server closed the idle connection');
        this.socket.destroy();
      } else this.outOfStep();
    }
  }

  private outOfStep(): void {
    // The server's words, cut short and without control characters: they end up on a terminal.
    const said = this.lines
      .join('\n')
      .slice(0, 200)
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x09\x0b-\x1f\x7f]/gu, '?');
    this.fail(new SmtpError('EPROTOCOL', `the server's replies were out of step with the commands (a reply where none was due: "${said}")`));
    this.socket.destroy();
  }

  private upgrade(tls: ConnectionOptions, host: string, timeoutMs: number): Promise<void> {
    const plain = this.socket;
    // RFC 3207 4.2: nothing the server said before the handshake counts (text injected after 220 would
    // otherwise join the encrypted EHLO reply).
    this.buffer = '';
    this.lines = [];
    plain.removeAllListeners('data');
    plain.removeAllListeners('error');
    plain.removeAllListeners('close');
    plain.removeAllListeners('timeout');
    return new Promise((resolve, reject) => {
      const secured = connectTls({ socket: plain, ...tls });
      const timer = setTimeout(() => (secured.destroy(), reject(new SmtpError('ETIMEDOUT', `TLS with ${host} timed out`))), timeoutMs);
      secured.once('secureConnect', () => {
        clearTimeout(timer);
        this.socket = secured;
        this.secure = true;
        this.listen();
        resolve();
      });
      secured.once('error', (error: NodeJS.ErrnoException) => (clearTimeout(timer), reject(socketError(error, 'ETLS'))));
    });
  }
}

/** One reply awaited: whose it is, and whether its command has gone out yet (only then may it come). */
interface Waiter {
  take: (reply: SmtpReply | SmtpError) => void;
  sent: boolean;
  deadline: NodeJS.Timeout | undefined;
}

/** An EHLO reply's line for `keyword` (one of ours, never the user's: it is put in a pattern as it is). */
function ehloOffers(ehlo: string, keyword: string): boolean {
  return new RegExp(`^250[- ]${keyword}\\b`, 'imu').test(ehlo);
}

/** A socket's error as nodemailer gives it: ESOCKET (EDNS for a name that does not resolve), the system's code kept. */
function socketError(error: NodeJS.ErrnoException, code?: SmtpErrorCode): SmtpError {
  const dns = error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN';
  return new SmtpError(code ?? (dns ? 'EDNS' : 'ESOCKET'), error.message, { ...(error.code ? { originalCode: error.code } : {}), cause: error });
}
