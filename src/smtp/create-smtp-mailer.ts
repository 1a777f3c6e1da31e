import type { Channel, ConnectFailure, Mailer } from '../delivery/send-result.js';
import { SnippetError } from '../errors.js';
import type { AccessTokenProvider } from './access-token.js';
import { classifyConnectError } from './classify-smtp-error.js';
import { createDataStuffer } from './create-data-stuffer.js';
import { sendTransaction, type EnvelopeAhead } from './send-transaction.js';
import { smtpConnectionOptions, type SmtpClientOptions, type SmtpTimeouts } from './smtp-connection-options.js';
import { SmtpDialogue } from './smtp-dialogue.js';
import { SmtpError } from './smtp-error.js';
import { signIn, type SignInSecret } from './smtp-sign-in.js';
import type { SmtpSettings } from './smtp-settings.js';

export interface SmtpMailerOptions extends SmtpClientOptions {
  connections: number;
  /** Override for tests and slow servers. */
  timeouts?: SmtpTimeouts;
  /** Access tokens for XOAUTH2, when the settings sign in with OAuth2. */
  accessToken?: AccessTokenProvider;
}

/**
 * SMTP through a small pool of sessions, one per sending worker. Owning the
 * sessions lets each send know whether its message data had gone out when a
 * connection failed: that is what separates "deferred, send again" from "in
 * doubt, the server may have it". One data stuffer serves the whole send, so
 * the pieces every message shares are put in wire form once.
 */
export function createSmtpMailer(settings: SmtpSettings, options: SmtpMailerOptions): Mailer {
  const idle: SmtpDialogue[] = [];
  const live = new Set<SmtpDialogue>();
  const timeouts = options.timeouts ?? { connection: 30_000, greeting: 30_000, socket: 120_000 };
  const stuff = createDataStuffer();

  const connect = async (): Promise<SmtpDialogue> => {
    // The token first: a token source that fails is the user's to fix, not the server's.
    const secret = await signInSecret(settings, options.accessToken);
    const dialogue = await SmtpDialogue.open(smtpConnectionOptions(settings, options, timeouts));
    if (settings.user && secret) {
      let refused: SmtpError | undefined;
      try {
        refused = await signIn(dialogue, settings.user, secret);
      } catch (error) {
        dialogue.destroy();
        throw error;
      }
      if (refused) {
        dialogue.close();
        throw refused;
      }
    }
    live.add(dialogue);
    return dialogue;
  };

  /** An idle session the server has not closed meanwhile, or a new one. */
  const take = async (): Promise<SmtpDialogue> => {
    for (let dialogue = idle.pop(); dialogue; dialogue = idle.pop()) {
      if (dialogue.usable) return dialogue;
      live.delete(dialogue);
    }
    return connect();
  };

  const open = async (): Promise<Channel | ConnectFailure> => {
    let dialogue: SmtpDialogue;
    try {
      dialogue = await take();
    } catch (error) {
      if (error instanceof SnippetError)
        return { status: 'deferred', reason: error.message, connectionFailure: true, fatal: `${error.message}${error.hint ? `. ${error.hint}` : ''}` };
      // Anything else is a bug, not a server that cannot be reached.
      if (!(error instanceof SmtpError)) throw error;
      return classifyConnectError(error);
    }
    let used = false;
    /** The next message's envelope, sent with the last message's end of data and answered: the channel is kept for it. */
    let ahead: EnvelopeAhead | undefined;
    const giveBack = (): void => {
      if (dialogue.usable) idle.push(dialogue);
      else live.delete(dialogue);
    };
    return {
      send: async (envelope, message, durable, next) => {
        used = true;
        const pipelined = ahead;
        ahead = undefined;
        try {
          const done = await sendTransaction(dialogue, envelope, message, durable, stuff, { ahead: pipelined, next });
          ahead = done.ahead;
          return done.result;
        } finally {
          if (!ahead) giveBack();
        }
      },
      ahead: () => ahead?.envelope,
      release: () => {
        if (ahead) {
          // The server may be waiting for that message's data (354): only dropping the connection sends nothing.
          ahead = undefined;
          dialogue.destroy();
          live.delete(dialogue);
        } else if (!used) giveBack();
      },
    };
  };

  return {
    open,
    close: async () => {
      for (const dialogue of live) dialogue.close();
      idle.length = 0;
      live.clear();
    },
  };
}

/** What to sign in with: a password, an OAuth2 access token (renewed once if refused), or nothing. */
async function signInSecret(settings: SmtpSettings, accessToken: AccessTokenProvider | undefined): Promise<SignInSecret | undefined> {
  if (!settings.user) return undefined;
  if (!settings.oauth2) return { password: settings.pass ?? '' };
  if (!accessToken) throw new SnippetError('OAuth2 sign-in has no token source');
  return { token: await accessToken(false), renew: () => accessToken(true) };
}
