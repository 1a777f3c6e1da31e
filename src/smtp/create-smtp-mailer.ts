import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import type { Channel, ConnectFailure, Envelope, Mailer, SendResult } from '../delivery/send-result.js';
import { SnippetError } from '../errors.js';
import type { AccessTokenProvider } from './access-token.js';
import { classifySmtpError, type SmtpErrorLike } from './classify-smtp-error.js';
import { smtpConnectionOptions, type SmtpClientOptions, type SmtpTimeouts } from './smtp-connection-options.js';
import { smtpCredentials } from './smtp-credentials.js';
import type { SmtpSettings } from './smtp-settings.js';

export interface SmtpMailerOptions extends SmtpClientOptions {
  connections: number;
  /** Override for tests and slow servers. */
  timeouts?: SmtpTimeouts;
  /** Access tokens for XOAUTH2, when the settings sign in with OAuth2. */
  accessToken?: AccessTokenProvider;
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
    const auth = await smtpCredentials(settings, options.accessToken);
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
      // A fresh error: nodemailer rewrites the code of the one it is given, and the ledger's is the engine's to read.
      await durable?.catch(() => Promise.reject(new Error('not sent: the attempt could not be recorded')));
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
