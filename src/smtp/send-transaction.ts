import { TransportBug, type Envelope, type SendResult } from '../delivery/send-result.js';
import { classifySmtpError } from './classify-smtp-error.js';
import type { DataStuffer } from './create-data-stuffer.js';
import { replyError, type SmtpDialogue, type SmtpReply } from './smtp-dialogue.js';
import { SmtpError } from './smtp-error.js';
import { wireAddress } from './wire-address.js';

const END_OF_EMPTY_DATA = Buffer.from('.\r\n');

/**
 * One message over an open session. The envelope (MAIL FROM, RCPT TO, DATA:
 * in one write when the server offers PIPELINING, else one at a time) goes
 * out while the attempt is being made durable; the message data waits for
 * `durable` and never goes out without it. A connection lost before the
 * first data byte is "deferred", from it on "in doubt". After a refusal the
 * session is reset (RSET) for the next message; a session that failed is
 * dropped, and `dialogue.usable` says which. Anything thrown that is not an
 * SmtpError is a bug: the session is dropped and the bug thrown on, as a
 * TransportBug that says whether any of the data may have gone out.
 */
export async function sendTransaction(
  dialogue: SmtpDialogue,
  envelope: Envelope,
  message: readonly Buffer[],
  durable: Promise<void> | undefined,
  stuff: DataStuffer,
): Promise<SendResult> {
  const invalid = [envelope.from, envelope.to].find((address) => /[\r\n<>]/u.test(address));
  if (invalid !== undefined) return classifySmtpError(new SmtpError('EENVELOPE', `Invalid address ${JSON.stringify(invalid)}`), false);
  const smtputf8 = dialogue.offers('SMTPUTF8');
  const from = wireAddress(envelope.from, smtputf8);
  // The sender's address is every message's: nothing gets through until it is changed.
  if ('problem' in from) {
    const problem = `the sender address ${envelope.from} ${from.problem}; use an address with only ASCII letters before the @ as the sender`;
    return { status: 'deferred', reason: `not sent: ${problem}`, connectionFailure: false, fatal: problem };
  }
  const to = wireAddress(envelope.to, smtputf8);
  // Never sent raw: that member's address cannot go through this server, which is not a bounce.
  if ('problem' in to) return { status: 'failed', reason: `not sent: the address ${envelope.to} ${to.problem}`, noSuchUser: false };
  let dataSent = false;
  try {
    const utf8 = from.utf8 || to.utf8;
    const commands = [`MAIL FROM:<${from.address}>${utf8 ? ' SMTPUTF8' : ''}`, `RCPT TO:<${to.address}>`, 'DATA'];
    const replies: SmtpReply[] = dialogue.pipelining ? await dialogue.commands(commands) : [];
    if (!dialogue.pipelining) {
      for (const command of commands) {
        const reply = await dialogue.command(command);
        replies.push(reply);
        if (!accepted(reply, command === 'DATA')) break;
      }
    }
    const refused = envelopeRefusal(replies);
    if (refused) {
      const data = replies[2];
      // A server should refuse DATA without a recipient; one that took it is given the empty data's end, so
      // nothing reaches anyone. Without a sender there is no transaction to end: the session is dropped.
      if (data && data.code >= 300 && data.code < 400) {
        if (!accepted(replies[0]!, false)) dialogue.destroy();
        else await dialogue.writeAndReply([END_OF_EMPTY_DATA]);
      }
      await reset(dialogue);
      return classifySmtpError(refused, false);
    }
    try {
      await durable;
    } catch {
      // The server waits for data that must not come: the session is dropped, which sends nothing.
      dialogue.destroy();
      return { status: 'deferred', reason: 'not sent: the attempt could not be recorded', connectionFailure: false };
    }
    // A reply out of turn (one with the 354) is read before the data may go.
    await dialogue.settle();
    // Lost while the attempt was synced: nothing of the data went out, so the message is deferred.
    if (!dialogue.usable) throw dialogue.lostBecause;
    // In wire form before the first byte goes: a bug in it is not a message in doubt.
    const wire = stuff(message);
    dataSent = true;
    const end = await dialogue.writeAndReply(wire);
    // A second reply to the data means the first was not its reply: which one the server meant is unknown.
    await dialogue.settle();
    if (!dialogue.usable && dialogue.lostBecause.code === 'EPROTOCOL') throw dialogue.lostBecause;
    if (accepted(end, false)) return { status: 'delivered', response: end.text.trim() };
    await reset(dialogue);
    return classifySmtpError(replyError('EMESSAGE', 'Message failed', end, 'DATA'), true);
  } catch (error) {
    dialogue.destroy();
    if (!(error instanceof SmtpError)) throw new TransportBug(error, dataSent);
    return classifySmtpError(error, dataSent);
  }
}

/** 2xx; for DATA also 3xx (354, or 250 from some servers). */
function accepted(reply: SmtpReply, data: boolean): boolean {
  return reply.code >= 200 && reply.code < (data ? 400 : 300);
}

/** Why the envelope was refused, in nodemailer's words and codes; undefined when the data may go. */
function envelopeRefusal(replies: readonly SmtpReply[]): SmtpError | undefined {
  const [mail, rcpt, data] = replies;
  if (!mail || !accepted(mail, false)) return replyError('EENVELOPE', 'Mail command failed', mail ?? { code: 421, text: '421 closing' }, 'MAIL FROM');
  if (!rcpt || !accepted(rcpt, false))
    return replyError('EENVELOPE', "Can't send mail - all recipients were rejected", rcpt ?? { code: 421, text: '421 closing' }, 'RCPT TO');
  if (!data || !accepted(data, true)) return replyError('EENVELOPE', 'Data command failed', data ?? { code: 421, text: '421 closing' }, 'DATA');
  return undefined;
}

/** RSET after a refusal, so the session can take the next message; dropped when it cannot. */
async function reset(dialogue: SmtpDialogue): Promise<void> {
  if (!dialogue.usable) return;
  try {
    const reply = await dialogue.command('RSET');
    if (!accepted(reply, false)) dialogue.destroy();
  } catch (error) {
    dialogue.destroy();
    if (!(error instanceof SmtpError)) throw error;
  }
}
