import type { AccessTokenProvider } from './access-token.js';
import type { SmtpErrorLike } from './classify-smtp-error.js';
import type { SmtpClientOptions, SmtpTimeouts } from './smtp-connection-options.js';
import { SmtpDialogue } from './smtp-dialogue.js';
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
 * recipient is ever given and no DATA sent, so no message can go out. It
 * speaks SMTP itself (smtp-dialogue.ts), since nodemailer's public send()
 * cannot stop after MAIL FROM.
 */
export async function probeSmtp(settings: SmtpSettings, sender: string, options: SmtpClientOptions & { accessToken?: AccessTokenProvider; timeouts: SmtpTimeouts }): Promise<SmtpProbe> {
  // The token first: a token source that fails is the user's to fix, not the server's.
  const token = settings.user && settings.oauth2 && options.accessToken ? await options.accessToken(false) : undefined;
  let dialogue: SmtpDialogue;
  try {
    dialogue = await SmtpDialogue.open(settings, options, options.timeouts);
  } catch (error) {
    return { failedAt: 'connect', error: error as SmtpErrorLike, tls: 'none', signedIn: false };
  }
  const tls: SmtpProbe['tls'] = settings.secure ? 'implicit' : dialogue.secure ? 'starttls' : 'none';
  const signedIn = settings.user !== undefined;
  try {
    if (settings.user) {
      const refused = await signIn(dialogue, settings.user, token ?? settings.pass ?? '', token !== undefined);
      if (refused) return { failedAt: 'sign-in', error: refused, tls, signedIn: false };
    }
    const reply = await dialogue.command(`MAIL FROM:<${sender.replace(/[\r\n<>]/gu, '')}>`);
    if (reply.code < 200 || reply.code > 299) return { failedAt: 'sender', error: { code: 'EENVELOPE', responseCode: reply.code, response: reply.text }, tls, signedIn };
    await dialogue.command('RSET');
    return { failedAt: undefined, error: undefined, tls, signedIn };
  } catch (error) {
    return { failedAt: 'sender', error: error as SmtpErrorLike, tls, signedIn };
  } finally {
    dialogue.close();
  }
}

/** AUTH XOAUTH2 with a token, else PLAIN (or LOGIN where PLAIN is not offered); the refusal, or undefined. */
async function signIn(dialogue: SmtpDialogue, user: string, secret: string, oauth2: boolean): Promise<SmtpErrorLike | undefined> {
  const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
  let reply;
  if (oauth2) {
    reply = await dialogue.command(`AUTH XOAUTH2 ${base64(`user=${user}\x01auth=Bearer ${secret}\x01\x01`)}`);
    // A refused token gets a challenge (RFC 7628) first; an empty line ends the exchange.
    if (reply.code === 334) reply = await dialogue.command('');
  } else if (/^250[- ]AUTH\b.*\bPLAIN\b/imu.test(dialogue.extensions) || !/^250[- ]AUTH\b.*\bLOGIN\b/imu.test(dialogue.extensions)) {
    reply = await dialogue.command(`AUTH PLAIN ${base64(`\0${user}\0${secret}`)}`);
  } else {
    reply = await dialogue.command('AUTH LOGIN');
    if (reply.code === 334) reply = await dialogue.command(base64(user));
    if (reply.code === 334) reply = await dialogue.command(base64(secret));
  }
  return reply.code === 235 ? undefined : { code: 'EAUTH', responseCode: reply.code, response: reply.text };
}
