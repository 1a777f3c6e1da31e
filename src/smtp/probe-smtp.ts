import type { AccessTokenProvider } from './access-token.js';
import { smtpConnectionOptions, type SmtpClientOptions, type SmtpTimeouts } from './smtp-connection-options.js';
import { SmtpDialogue } from './smtp-dialogue.js';
import { SmtpError, SmtpReplyError } from './smtp-error.js';
import { signIn } from './smtp-sign-in.js';
import type { SmtpSettings } from './smtp-settings.js';
import { addressOnOneLine, wireAddress } from './wire-address.js';

export type ProbeStage = 'connect' | 'sign-in' | 'sender';

export interface SmtpProbe {
  /** The stage that failed; undefined when every stage passed. */
  failedAt: ProbeStage | undefined;
  error: SmtpError | undefined;
  /** How the session was protected once connected. */
  tls: 'implicit' | 'starttls' | 'none';
  signedIn: boolean;
  /** Why the sender address cannot go to this server at all (a send would stop on it); nothing was given. */
  senderProblem?: string;
}

/**
 * For `snippet doctor`: connect (with TLS as a send would), sign in, then
 * give the sender address in MAIL FROM and reset the session with RSET. No
 * recipient is ever given and no DATA sent, so no message can go out. It
 * speaks SMTP through the same dialogue as a send (smtp-dialogue.ts).
 */
export async function probeSmtp(
  settings: SmtpSettings,
  sender: string,
  options: SmtpClientOptions & { accessToken?: AccessTokenProvider; timeouts: SmtpTimeouts },
): Promise<SmtpProbe> {
  // The token first: a token source that fails is the user's to fix, not the server's.
  const token = settings.user && settings.oauth2 && options.accessToken ? await options.accessToken(false) : undefined;
  let dialogue: SmtpDialogue;
  try {
    dialogue = await SmtpDialogue.open(smtpConnectionOptions(settings, options, options.timeouts));
  } catch (error) {
    if (!(error instanceof SmtpError)) throw error;
    return { failedAt: 'connect', error, tls: 'none', signedIn: false };
  }
  const tls: SmtpProbe['tls'] = settings.secure ? 'implicit' : dialogue.secure ? 'starttls' : 'none';
  const signedIn = settings.user !== undefined;
  try {
    if (settings.user) {
      const refused = await signIn(dialogue, settings.user, token !== undefined ? { token } : { password: settings.pass ?? '' });
      if (refused) return { failedAt: 'sign-in', error: refused, tls, signedIn: false };
    }
    const from = wireAddress(sender, dialogue.offers('SMTPUTF8'));
    if ('problem' in from)
      return {
        failedAt: 'sender',
        error: undefined,
        tls,
        signedIn,
        senderProblem: `the sender address ${addressOnOneLine(sender)} ${from.problem}`,
      };
    const reply = await dialogue.command(`MAIL FROM:<${from.address}>${from.utf8 ? ' SMTPUTF8' : ''}`);
    if (reply.code < 200 || reply.code > 299)
      return { failedAt: 'sender', error: new SmtpReplyError('EENVELOPE', `Mail command failed: ${reply.text}`, reply, 'MAIL FROM'), tls, signedIn };
    await dialogue.command('RSET');
    return { failedAt: undefined, error: undefined, tls, signedIn };
  } catch (error) {
    if (!(error instanceof SmtpError)) throw error;
    return { failedAt: 'sender', error, tls, signedIn };
  } finally {
    dialogue.close();
  }
}
