import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import type { SmtpErrorLike } from './classify-smtp-error.js';
import type { SmtpClientOptions, SmtpTimeouts } from './smtp-connection-options.js';
import type { SmtpSettings } from './smtp-settings.js';

export interface SmtpReply {
  code: number;
  /** The whole reply, lines joined with newlines. */
  text: string;
}

/**
 * A plain SMTP dialogue, one command and one reply at a time, for doctor's
 * probe: it must stop after MAIL FROM, which nodemailer's public API cannot
 * (its send() always goes on to RCPT TO and DATA). TLS as a send makes it:
 * implicit, or STARTTLS required outside loopback, certificate verified.
 */
export class SmtpDialogue {
  private buffer = '';
  private lines: string[] = [];
  private waiting: ((reply: SmtpReply | SmtpErrorLike) => void) | undefined;
  private failure: SmtpErrorLike | undefined;

  private constructor(
    private socket: Socket | TLSSocket,
    private readonly timeouts: SmtpTimeouts,
    /** STARTTLS was used. */
    public secure = false,
  ) {
    this.listen();
  }

  /** Connects, reads the greeting and says EHLO, upgrading with STARTTLS where a send would. Throws an SmtpErrorLike. */
  static async open(settings: SmtpSettings, options: SmtpClientOptions, timeouts: SmtpTimeouts): Promise<SmtpDialogue> {
    const tls = { rejectUnauthorized: true, minVersion: 'TLSv1.2' as const, ...(isIP(settings.host) === 0 ? { servername: settings.host } : {}), ...(settings.ca || options.ca ? { ca: settings.ca ?? options.ca } : {}) };
    const socket = await new Promise<Socket>((resolve, reject) => {
      const opened = settings.secure ? connectTls({ host: settings.host, port: settings.port, ...tls }) : connectTcp({ host: settings.host, port: settings.port });
      const timer = setTimeout(() => (opened.destroy(), reject({ code: 'ETIMEDOUT', message: 'the connection timed out' })), timeouts.connection);
      opened.once(settings.secure ? 'secureConnect' : 'connect', () => (clearTimeout(timer), resolve(opened)));
      opened.once('error', (error: NodeJS.ErrnoException) => (clearTimeout(timer), reject({ code: error.code ?? 'ECONNECTION', message: error.message })));
    });
    const dialogue = new SmtpDialogue(socket, timeouts);
    const greeting = await dialogue.reply(timeouts.greeting);
    if (greeting.code !== 220) throw { code: 'EPROTOCOL', responseCode: greeting.code, response: greeting.text, message: greeting.text };
    const name = options.clientName ?? hostname();
    let hello = await dialogue.expect(`EHLO ${name}`, 250);
    if (!settings.secure && !settings.loopback) {
      if (!/^250[- ]STARTTLS\b/imu.test(hello.text)) throw { code: 'ETLS', message: 'the server does not offer STARTTLS' };
      await dialogue.expect('STARTTLS', 220, 'ETLS');
      await dialogue.upgrade(tls, settings.host);
      hello = await dialogue.expect(`EHLO ${name}`, 250);
    }
    dialogue.extensions = hello.text;
    return dialogue;
  }

  /** The server's EHLO reply: the extensions it offers. */
  extensions = '';

  /** Sends a line and waits for the whole reply. */
  async command(line: string): Promise<SmtpReply> {
    if (this.failure) throw this.failure;
    this.socket.write(`${line}\r\n`);
    return this.reply(this.timeouts.socket);
  }

  /** A command whose reply must have `code`; any other is thrown as an SmtpErrorLike. */
  async expect(line: string, code: number, errorCode = 'EPROTOCOL'): Promise<SmtpReply> {
    const reply = await this.command(line);
    if (reply.code !== code) throw { code: errorCode, responseCode: reply.code, response: reply.text, message: reply.text };
    return reply;
  }

  /** QUIT, then closes without waiting long for the answer. */
  close(): void {
    if (!this.failure) this.socket.end('QUIT\r\n');
    setTimeout(() => this.socket.destroy(), 1_000).unref();
  }

  private reply(timeoutMs: number): Promise<SmtpReply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => settle({ code: 'ETIMEDOUT', message: 'the server stopped answering (timed out)' }), timeoutMs);
      const settle = (result: SmtpReply | SmtpErrorLike): void => {
        clearTimeout(timer);
        this.waiting = undefined;
        if ('text' in result) resolve(result as SmtpReply);
        else reject(result);
      };
      this.waiting = settle;
      this.deliver();
    });
  }

  private listen(): void {
    this.socket.setEncoding('utf8');
    this.socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, end).replace(/\r$/u, ''));
        this.buffer = this.buffer.slice(end + 1);
      }
      this.deliver();
    });
    const fail = (error: SmtpErrorLike): void => {
      this.failure ??= error;
      this.waiting?.(this.failure);
    };
    this.socket.on('error', (error: NodeJS.ErrnoException) => fail({ code: error.code ?? 'ECONNECTION', message: error.message }));
    this.socket.on('close', () => fail({ code: 'ECONNECTION', message: 'the server closed the connection' }));
  }

  /** Hands a complete reply (its last line is `NNN ` rather than `NNN-`) to whoever waits. */
  private deliver(): void {
    if (!this.waiting) return;
    if (this.failure && this.lines.length === 0) return this.waiting(this.failure);
    const last = this.lines.findIndex((line) => !/^\d{3}-/u.test(line));
    if (last < 0) return;
    const lines = this.lines.splice(0, last + 1);
    this.waiting({ code: Number(lines.at(-1)!.slice(0, 3)), text: lines.join('\n') });
  }

  private upgrade(tls: object, host: string): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('error');
    plain.removeAllListeners('close');
    return new Promise((resolve, reject) => {
      const secured = connectTls({ socket: plain, ...tls });
      const timer = setTimeout(() => (secured.destroy(), reject({ code: 'ETIMEDOUT', message: `TLS with ${host} timed out` })), this.timeouts.greeting);
      secured.once('secureConnect', () => {
        clearTimeout(timer);
        this.socket = secured;
        this.secure = true;
        this.listen();
        resolve();
      });
      secured.once('error', (error: NodeJS.ErrnoException) => (clearTimeout(timer), reject({ code: error.code ?? 'ETLS', message: error.message })));
    });
  }
}
