import { registerSignIn } from '../config/known-secrets.js';
import { isSnippetError } from '../errors.js';
import { replyError, type SmtpDialogue, type SmtpReply } from './smtp-dialogue.js';
import { SmtpError } from './smtp-error.js';

/** A password, or an OAuth2 access token (XOAUTH2) and, for a send, how to get a fresh one once the server refuses it. */
export type SignInSecret = { password: string } | { token: string; renew?: () => Promise<string> };

/**
 * AUTH XOAUTH2 with a token, else PLAIN (or LOGIN where PLAIN is not
 * offered). Resolves to the refusal, or undefined once signed in; throws
 * an SmtpError only when the connection fails.
 */
export async function signIn(dialogue: SmtpDialogue, user: string, secret: SignInSecret): Promise<SmtpError | undefined> {
  if ('token' in secret) {
    const refused = await xoauth2(dialogue, user, secret.token);
    if (!refused || !secret.renew) return refused;
    // A token can be revoked or expire early: one fresh one is tried, as nodemailer did.
    let fresh: string;
    try {
      fresh = await secret.renew();
    } catch (error) {
      // The token source failed: the user's to fix, as a refused sign-in is.
      if (!isSnippetError(error)) throw error;
      return new SmtpError('EAUTH', error.message, { command: 'AUTH XOAUTH2' });
    }
    return xoauth2(dialogue, user, fresh);
  }
  // Before the first AUTH line: a server may echo what it was sent in its refusal.
  registerSignIn(user, secret);
  let reply;
  let command;
  if (/^250[- ]AUTH\b.*\bPLAIN\b/imu.test(dialogue.extensions) || !/^250[- ]AUTH\b.*\bLOGIN\b/imu.test(dialogue.extensions)) {
    command = 'AUTH PLAIN';
    reply = await dialogue.command(`AUTH PLAIN ${base64(`\0${user}\0${secret.password}`)}`);
  } else {
    command = 'AUTH LOGIN';
    reply = await dialogue.command('AUTH LOGIN');
    if (reply.code === 334) reply = await dialogue.command(base64(user));
    if (reply.code === 334) reply = await dialogue.command(base64(secret.password));
  }
  return reply.code === 235 ? undefined : refusal(reply, command);
}

async function xoauth2(dialogue: SmtpDialogue, user: string, token: string): Promise<SmtpError | undefined> {
  registerSignIn(user, { token });
  let reply = await dialogue.command(`AUTH XOAUTH2 ${base64(`user=${user}\x01auth=Bearer ${token}\x01\x01`)}`);
  // A refused token gets a challenge (RFC 7628) first; an empty line ends the exchange.
  if (reply.code === 334) reply = await dialogue.command('');
  return reply.code === 235 ? undefined : refusal(reply, 'AUTH XOAUTH2');
}

function refusal(reply: SmtpReply, command: string): SmtpError {
  return replyError('EAUTH', 'Invalid login', reply, command);
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
