import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import type { AccessTokenProvider } from './access-token.js';
import type { SmtpErrorLike } from './classify-smtp-error.js';
import { smtpConnectionOptions, type SmtpClientOptions, type SmtpTimeouts } from './smtp-connection-options.js';
import { smtpCredentials } from './smtp-credentials.js';
import type { SmtpSettings } from './smtp-settings.js';

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
export async function probeSmtp(settings: SmtpSettings, sender: string, options: SmtpClientOptions & { accessToken?: AccessTokenProvider; timeouts: SmtpTimeouts }): Promise<SmtpProbe> {
  const auth = await smtpCredentials(settings, options.accessToken);
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
