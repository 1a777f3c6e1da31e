import { TransportBug, type Envelope, type SendResult } from '../delivery/send-result.js';
import { classifySmtpError } from './classify-smtp-error.js';
import type { DataStuffer } from './create-data-stuffer.js';
import { replyError, type SmtpDialogue, type SmtpReply } from './smtp-dialogue.js';
import { SmtpError } from './smtp-error.js';
import { addressOnOneLine, BREAKS_ENVELOPE, wireAddress } from './wire-address.js';

const END_OF_EMPTY_DATA = Buffer.from('.\r\n');

/** An envelope that went out with the previous message's end of data, and the server's replies to it. */
export interface EnvelopeAhead {
  envelope: Envelope;
  replies: SmtpReply[];
}

/** What a transaction came to, and the next message's envelope when it went out with this one's end of data. */
export interface Transaction {
  result: SendResult;
  ahead?: EnvelopeAhead;
}

export interface Pipeline {
  /** This message's envelope, sent with the previous message's data: its replies are in, nothing more is sent for it. */
  ahead?: EnvelopeAhead | undefined;
  /** Asked once, just before the data goes out: the envelope of the message to send next on this session, if one is ready. */
  next?: (() => Envelope | undefined) | undefined;
}

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
 *
 * With PIPELINING, the next message's envelope (from `pipeline.next`) goes
 * out in the same write as this message's end of data, and its replies are
 * read after this message's: it comes back as `ahead`, for the next call,
 * which sends only its data (once its own attempt is durable). It is not
 * returned when the session was lost before its replies came: then the
 * server dropped it with the session, and that message was not sent.
 */
export async function sendTransaction(
  dialogue: SmtpDialogue,
  envelope: Envelope,
  message: readonly Buffer[],
  durable: Promise<void> | undefined,
  stuff: DataStuffer,
  pipeline: Pipeline = {},
): Promise<Transaction> {
  const { ahead } = pipeline;
  if (ahead && ahead.envelope !== envelope) {
    dialogue.destroy();
    throw new TransportBug(new Error("a message was sent over a session that holds another message's envelope"), false);
  }
  const smtputf8 = dialogue.offers('SMTPUTF8');
  const commands = ahead ? undefined : envelopeCommands(envelope, smtputf8);
  if (commands && 'result' in commands) return { result: commands.result };
  let dataSent = false;
  try {
    const replies: SmtpReply[] = ahead ? ahead.replies : await sendEnvelope(dialogue, commands!.lines);
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
      return { result: classifySmtpError(refused, false) };
    }
    try {
      await durable;
    } catch {
      // The server waits for data that must not come: the session is dropped, which sends nothing.
      dialogue.destroy();
      return { result: { status: 'deferred', reason: 'not sent: the attempt could not be recorded', connectionFailure: false } };
    }
    // A reply out of turn (one with the 354) is read before the data may go.
    await dialogue.settle();
    // Lost while the attempt was synced: nothing of the data went out, so the message is deferred.
    if (!dialogue.usable) throw dialogue.lostBecause;
    // In wire form before the first byte goes: a bug in it is not a message in doubt.
    const wire = stuff(message);
    const following = dialogue.pipelining ? followingEnvelope(pipeline.next, smtputf8) : undefined;
    dataSent = true;
    const sent = dialogue.writeThenCommands(wire, following?.lines ?? []);
    const end = await sent.reply;
    // The next envelope's replies come right behind; with them in, a reply too many shows as one out of step.
    const next =
      following &&
      (await sent.replies.then(
        (got) => ({ envelope: following.envelope, replies: got }),
        () => undefined,
      ));
    // A second reply to the data means the first was not its reply: which one the server meant is unknown.
    await dialogue.settle();
    if (!dialogue.usable && dialogue.lostBecause.code === 'EPROTOCOL') throw dialogue.lostBecause;
    if (accepted(end, false)) return { result: { status: 'delivered', response: end.text.trim() }, ...(next ? { ahead: next } : {}) };
    // With the next envelope sent the server is in its transaction already: the refusal ended this one.
    if (!following) await reset(dialogue);
    return { result: classifySmtpError(replyError('EMESSAGE', 'Message failed', end, 'DATA'), true), ...(next ? { ahead: next } : {}) };
  } catch (error) {
    dialogue.destroy();
    if (!(error instanceof SmtpError)) throw new TransportBug(error, dataSent);
    return { result: classifySmtpError(error, dataSent) };
  }
}

/** MAIL FROM, RCPT TO, DATA: in one write with PIPELINING, else each after the last was accepted. */
async function sendEnvelope(dialogue: SmtpDialogue, commands: readonly string[]): Promise<SmtpReply[]> {
  if (dialogue.pipelining) return dialogue.commands(commands);
  const replies: SmtpReply[] = [];
  for (const command of commands) {
    const reply = await dialogue.command(command);
    replies.push(reply);
    if (!accepted(reply, command === 'DATA')) break;
  }
  return replies;
}

/** The envelope's commands, or the result for an address that cannot go out as it is. */
function envelopeCommands(envelope: Envelope, smtputf8: boolean): { lines: string[] } | { result: SendResult } {
  const from = wireAddress(envelope.from, smtputf8);
  // The sender's address is every message's: nothing gets through until it is changed.
  if ('problem' in from) {
    const fix = from.problem === BREAKS_ENVELOPE ? 'use a plain address as the sender' : 'use an address with only ASCII letters before the @ as the sender';
    const problem = `the sender address ${addressOnOneLine(envelope.from)} ${from.problem}; ${fix}`;
    return { result: { status: 'deferred', reason: `not sent: ${problem}`, connectionFailure: false, fatal: problem } };
  }
  const to = wireAddress(envelope.to, smtputf8);
  // Never sent raw: that member's address cannot go through this server, which is not a bounce.
  if ('problem' in to)
    return { result: { status: 'failed', reason: `not sent: the address ${addressOnOneLine(envelope.to)} ${to.problem}`, noSuchUser: false } };
  const utf8 = from.utf8 || to.utf8;
  return { lines: [`MAIL FROM:<${from.address}>${utf8 ? ' SMTPUTF8' : ''}`, `RCPT TO:<${to.address}>`, 'DATA'] };
}

/** The next message's envelope to pipeline, if one is ready; one whose address cannot go out is sent on its own later. */
function followingEnvelope(next: (() => Envelope | undefined) | undefined, smtputf8: boolean): { envelope: Envelope; lines: string[] } | undefined {
  const envelope = next?.();
  if (!envelope) return undefined;
  const commands = envelopeCommands(envelope, smtputf8);
  return 'lines' in commands ? { envelope, lines: commands.lines } : undefined;
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
