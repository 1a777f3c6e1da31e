import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs/index.js';
import * as qp from 'nodemailer/lib/qp/index.js';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import XOAuth2 from 'nodemailer/lib/xoauth2/index.js';
import { SnippetError } from '../errors.js';
import { classifySmtpError, type Channel, type ConnectFailure, type Envelope, type Mailer, type SendResult, type SmtpErrorLike } from '../delivery/send-result.js';
import type { SmtpSettings } from '../delivery/smtp-settings.js';
import type { AccessTokenProvider } from './access-token.js';

/**
 * The only file that imports nodemailer: its MIME encoders (used to build
 * each message from parts encoded once per issue), the stream transport that
 * writes a complete .eml, and SMTP connections for sending.
 */

/** Quoted-printable with lines of at most 76 characters; `text` must use CRLF line ends. */
export function quotedPrintable(text: string): string {
  return qp.wrap(qp.encode(text), 76);
}

/** A header value as RFC 2047 encoded words where it is not plain ASCII. */
export function encodeHeaderWords(value: string): string {
  return mimeFuncs.encodeWords(value, 'Q', 52);
}

/** A complete header line folded at 76 characters. */
export function foldHeader(line: string): string {
  return mimeFuncs.foldLines(line, 76, false);
}

/** A complete RFC 5322 message through nodemailer's stream transport. */
export async function toEml(message: { raw: Buffer; envelope: Envelope }): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const options: SendMailOptions = { raw: message.raw, envelope: { from: message.envelope.from, to: [message.envelope.to] } };
  const info = await transport.sendMail(options);
  return info.message as Buffer;
}

export interface SmtpMailerOptions {
  connections: number;
  /** Override for tests and slow servers. */
  timeouts?: { connection: number; greeting: number; socket: number };
  /** The name this client gives in EHLO. */
  clientName?: string;
  /** Extra CA certificates (PEM), e.g. a private relay's; SNIPPET_SMTP_CA_FILE's are in the settings. */
  ca?: string;
  /** Access tokens for XOAUTH2, when the settings sign in with OAuth2. */
  accessToken?: AccessTokenProvider;
}

/**
 * How a connection is made. Outside loopback, mail never goes unencrypted:
 * STARTTLS is required (or implicit TLS), with a verified certificate.
 */
export function smtpConnectionOptions(settings: SmtpSettings, options: Pick<SmtpMailerOptions, 'clientName' | 'ca'>, timeouts: { connection: number; greeting: number; socket: number }): SMTPConnection.Options {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: !settings.secure && !settings.loopback,
    ignoreTLS: !settings.secure && settings.loopback,
    ...(options.clientName ? { name: options.clientName } : {}),
    connectionTimeout: timeouts.connection,
    greetingTimeout: timeouts.greeting,
    socketTimeout: timeouts.socket,
    tls: {
      rejectUnauthorized: true,
      // SNI takes a host name only; an address is checked against the certificate's IP entries.
      ...(isIP(settings.host) === 0 ? { servername: settings.host } : {}),
      minVersion: 'TLSv1.2',
      ...(settings.ca || options.ca ? { ca: settings.ca ?? options.ca } : {}),
    },
    logger: false,
    debug: false,
  };
}

/**
 * SMTP through a small pool of nodemailer connections, one per sending worker.
 * Owning the connections (rather than nodemailer's pool) lets each send know
 * whether its message data had gone out when a connection failed: that is
 * what separates "deferred, send again" from "in doubt, the server may have it".
 */
export function createSmtpMailer(settings: SmtpSettings, options: SmtpMailerOptions): Mailer {
  const idle: SMTPConnection[] = [];
  const live = new Set<SMTPConnection>();
  const timeouts = options.timeouts ?? { connection: 30_000, greeting: 30_000, socket: 120_000 };

  const connect = async (): Promise<SMTPConnection> => {
    // The token first: a token source that fails is the user's to fix, not the server's.
    const auth = await credentials(settings, options.accessToken);
    return new Promise((resolve, reject) => {
      const connection = new SMTPConnection(smtpConnectionOptions(settings, options, timeouts));
      let settled = false;
      connection.on('error', (error) => {
        live.delete(connection);
        if (!settled) {
          settled = true;
          reject(error);
        }
      });
      connection.on('end', () => {
        live.delete(connection);
        const at = idle.indexOf(connection);
        if (at >= 0) idle.splice(at, 1);
      });
      connection.connect((error) => {
        if (error) {
          settled = true;
          connection.close();
          return reject(error);
        }
        if (!auth) {
          settled = true;
          live.add(connection);
          return resolve(connection);
        }
        connection.login(auth, (loginError) => {
          settled = true;
          if (loginError) {
            connection.close();
            return reject(loginError);
          }
          live.add(connection);
          resolve(connection);
        });
      });
    });
  };

  const send = (connection: SMTPConnection, envelope: Envelope, message: readonly Buffer[], durable: Promise<void> | undefined): Promise<SendResult> => {
    let dataSent = false;
    // nodemailer reads the message only once the server has accepted the
    // envelope (after DATA's 354), and the first piece waits for the attempt
    // to be durable: the envelope's round trips overlap the ledger's sync.
    // From the first piece on, a lost connection is in doubt. The pieces go
    // out as they are, never joined: a joined copy per message is ~40 KB that
    // waits for garbage collection outside V8's heap.
    async function* pieces(): AsyncGenerator<Buffer> {
      await durable;
      dataSent = true;
      yield* message;
    }
    const source = Readable.from(pieces(), { objectMode: false });
    return new Promise<SendResult>((resolve) => {
      connection.send({ from: envelope.from, to: [envelope.to] }, source as unknown as Buffer, (error, info) => {
        if (error) {
          const smtpError = error as SmtpErrorLike;
          const result = classifySmtpError(smtpError, dataSent);
          // After a reply (other than 421, closing) the session is still usable once reset.
          if (smtpError.responseCode !== undefined && smtpError.responseCode !== 421 && live.has(connection)) {
            connection.reset((resetError) => {
              if (resetError) {
                live.delete(connection);
                connection.close();
              } else {
                idle.push(connection);
              }
              resolve(result);
            });
            return;
          }
          live.delete(connection);
          connection.close();
          return resolve(result);
        }
        if (info.rejected.length > 0) {
          const rejected = info.rejectedErrors?.[0] as SmtpErrorLike | undefined;
          idle.push(connection);
          return resolve(classifySmtpError(rejected ?? { responseCode: 550, response: 'recipient rejected' }, false));
        }
        idle.push(connection);
        resolve({ status: 'delivered', response: (info.response ?? '').trim() });
      });
    });
  };

  const open = async (): Promise<Channel | ConnectFailure> => {
    let connection: SMTPConnection;
    try {
      connection = idle.pop() ?? (await connect());
    } catch (error) {
      if (error instanceof SnippetError) return { status: 'deferred', reason: error.message, connectionFailure: true, fatal: `${error.message}${error.hint ? `. ${error.hint}` : ''}` };
      return classifySmtpError(error as SmtpErrorLike, false) as ConnectFailure;
    }
    let used = false;
    return {
      send: (envelope, message, durable) => {
        used = true;
        return send(connection, envelope, message, durable);
      },
      release: () => {
        if (!used && live.has(connection)) idle.push(connection);
      },
    };
  };

  return {
    open,
    close: async () => {
      for (const connection of live) connection.quit();
      idle.length = 0;
      live.clear();
    },
  };
}

type Credentials = Parameters<SMTPConnection['login']>[0];

/** What to sign in with: a password, an OAuth2 access token (XOAUTH2), or nothing. */
async function credentials(settings: SmtpSettings, accessToken: AccessTokenProvider | undefined): Promise<Credentials | undefined> {
  if (!settings.user) return undefined;
  if (!settings.oauth2) return { user: settings.user, pass: settings.pass ?? '' };
  if (!accessToken) throw new SnippetError('OAuth2 sign-in has no token source');
  const token = await accessToken(false);
  // When the server refuses a token, nodemailer asks once for a fresh one.
  const oauth2 = new XOAuth2({
    user: settings.user,
    accessToken: token,
    provisionCallback: (_user, renew, callback) => {
      accessToken(renew).then(
        (fresh) => callback(null, fresh, 0),
        (error: unknown) => callback(error as Error, '', 0),
      );
    },
  });
  return { oauth2 };
}

export type ProbeStage = 'connect' | 'sign-in' | 'sender';

export interface SmtpProbe {
  /** The stage that failed; undefined when every stage passed. */
  failedAt: ProbeStage | undefined;
  error: SmtpErrorLike | undefined;
  /** How the session was protected once connected. */
  tls: 'implicit' | 'starttls' | 'none';
  signedIn: boolean;
}

/**
 * For `snippet doctor`: connect (with TLS as a send would), sign in, then
 * give the sender address in MAIL FROM and reset the session with RSET. No
 * recipient is ever given and no DATA sent, so no message can go out.
 *
 * nodemailer's public send() cannot stop after MAIL FROM (with PIPELINING it
 * sends RCPT TO and DATA in the same packet), so MAIL FROM goes through the
 * connection's own command queue, the way its reset() sends RSET.
 */
export async function probeSmtp(settings: SmtpSettings, sender: string, options: Pick<SmtpMailerOptions, 'clientName' | 'ca' | 'accessToken'> & { timeouts: { connection: number; greeting: number; socket: number } }): Promise<SmtpProbe> {
  const auth = await credentials(settings, options.accessToken);
  const connection = new SMTPConnection(smtpConnectionOptions(settings, options, options.timeouts));
  const tls = (): SmtpProbe['tls'] => (settings.secure ? 'implicit' : connection.secure ? 'starttls' : 'none');
  const result = (failedAt: ProbeStage | undefined, error: SmtpErrorLike | undefined, signedIn: boolean): SmtpProbe => ({ failedAt, error, tls: failedAt === 'connect' ? 'none' : tls(), signedIn });
  let failure: SmtpErrorLike | undefined;
  // A failed connection reports through 'error' (or 'end'), not through the callback of the step under way.
  const step = <T>(start: (done: (value: T) => void) => void, onFailure: (error: SmtpErrorLike) => T): Promise<T> =>
    new Promise((resolve) => {
      if (failure) return resolve(onFailure(failure));
      const fail = (error?: SmtpErrorLike): void => resolve(onFailure(error ?? failure ?? { code: 'ECONNECTION', message: 'the server closed the connection' }));
      connection.once('error', fail);
      connection.once('end', fail);
      start((value) => {
        connection.off('error', fail);
        connection.off('end', fail);
        resolve(value);
      });
    });
  connection.on('error', (error: SmtpErrorLike) => (failure ??= error));
  try {
    const connected = await step<SmtpErrorLike | undefined>((done) => connection.connect((error) => done(error ?? undefined)), (error) => error);
    if (connected) return result('connect', connected, false);
    if (auth) {
      const refused = await step<SmtpErrorLike | undefined>((done) => connection.login(auth, (error) => done(error ?? undefined)), (error) => error);
      if (refused) return result('sign-in', refused, false);
    }
    const raw = connection as unknown as { _responseActions: Array<(reply: string) => void>; _sendCommand(command: string): void };
    const reply = await step<string>((done) => {
      raw._responseActions.push(done);
      raw._sendCommand(`MAIL FROM:<${sender.replace(/[\r\n<>]/gu, '')}>`);
    }, () => '');
    if (!reply.startsWith('2')) {
      const error = reply === '' ? (failure ?? { code: 'ECONNECTION', message: 'the server closed the connection' }) : { code: 'EENVELOPE', responseCode: Number(reply.slice(0, 3)), response: reply.trim() };
      return result('sender', error, auth !== undefined);
    }
    await step<void>((done) => connection.reset(() => done()), () => undefined);
    return result(undefined, undefined, auth !== undefined);
  } finally {
    connection.quit();
  }
}
