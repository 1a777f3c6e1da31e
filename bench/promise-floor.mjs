// The floor under "nothing lost, nothing twice": the least a sender that
// keeps snippet's promise must do, and nothing else, so that snippet's send
// can be read against what its promise allows on this machine, not only
// against smtp-source (which records nothing).
//
// One fixed message, already dot-stuffed: no start-up, no rendering, no
// personalisation. Each connection sends over PIPELINING as snippet does: the
// next message's envelope goes out with the previous message's end of data.
// With `durable`, it also keeps snippet's two rules: a message's attempt is
// fdatasync'd before any byte of its data goes out, and the previous
// message's outcome is synced with it (so a connection never has two
// messages in doubt), through snippet's own ledger (dist/delivery/
// ledger-file.js: one file shared by the connections, its syncs shared by
// group commit, each connection holding the next sync while the sink reads
// its data, as snippet's engine does; its checks of its path). Without
// `durable`, it is the same
// client with no ledger: what Node itself costs against smtp-source.
import { Buffer } from 'node:buffer';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Sends `messages` copies of `raw` (a whole RFC 5322 message, CRLF line
 * ends) to the SMTP server on 127.0.0.1:port over `connections`
 * connections; resolves with the milliseconds from the first connection to
 * the last reply. The ledger is written into `folder` when one is given
 * (and left there), else into a temporary folder removed afterwards.
 */
export async function floorSend({ port, connections, messages, raw, durable, folder: given }) {
  const data = Buffer.concat([Buffer.from(dotStuffed(raw)), Buffer.from('.\r\n')]);
  const folder = given ?? (await mkdtemp(join(tmpdir(), 'snippet-floor-')));
  const { LedgerFile } = await import('../dist/delivery/ledger-file.js');
  const ledger = durable ? (await LedgerFile.open(join(folder, 'ledger.jsonl'), 'ledger.jsonl')).ledger : undefined;
  let next = 0;
  const take = () => (next < messages ? next++ : undefined);
  const started = process.hrtime.bigint();
  try {
    await Promise.all(Array.from({ length: connections }, () => sendOver(port, data, take, ledger)));
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    await ledger?.close();
    if (given === undefined) await rm(folder, { recursive: true, force: true });
  }
}

/** One connection's loop: envelope, (sync), data with the next envelope, reply, (outcome and next attempt synced), … */
async function sendOver(port, data, take, ledger) {
  const smtp = await Dialogue.open(port);
  try {
    await smtp.expect(1); // greeting
    smtp.write('EHLO floor.example.org\r\n');
    const ehlo = await smtp.expect(1);
    if (!/PIPELINING/iu.test(ehlo[0])) throw new Error('the sink does not offer PIPELINING');
    let current = take();
    if (current === undefined) return;
    smtp.write(envelope(current));
    if (ledger) await ledger.append(attempt(current));
    while (current !== undefined) {
      await smtp.expect(3); // MAIL, RCPT, DATA's 354
      const following = take();
      smtp.write(following === undefined ? data : Buffer.concat([data, Buffer.from(envelope(following))]));
      const letGo = ledger?.hold();
      const [reply] = await smtp.expect(1); // the end of data's reply
      if (!reply.startsWith('250')) throw new Error(`the sink refused a message: ${reply}`);
      if (ledger) {
        // Appended in one turn, as snippet's engine appends them: one write and one fdatasync.
        const recorded = [ledger.append({ type: 'delivered', at: new Date().toISOString(), to: address(current), response: reply })];
        if (following !== undefined) recorded.push(ledger.append(attempt(following)));
        letGo();
        await Promise.all(recorded);
      }
      current = following;
    }
    smtp.write('QUIT\r\n');
    await smtp.expect(1);
  } finally {
    smtp.close();
  }
}

function envelope(n) {
  return `MAIL FROM:<bench@example.org>\r\nRCPT TO:<${address(n)}>\r\nDATA\r\n`;
}

function address(n) {
  return `member${n}@example.org`;
}

function attempt(n) {
  return { type: 'attempt', at: new Date().toISOString(), to: address(n), messageId: `<floor-${n}@example.org>` };
}

function dotStuffed(raw) {
  const text = raw.toString('latin1');
  return (text.endsWith('\r\n') ? text : `${text}\r\n`).replace(/^\./gmu, '..');
}

/** A socket read as SMTP replies: `expect(n)` resolves with the next n replies' text. */
class Dialogue {
  static open(port) {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      socket.once('connect', () => resolve(new Dialogue(socket)));
      socket.once('error', reject);
    });
  }

  constructor(socket) {
    this.socket = socket;
    this.buffered = '';
    this.replies = [];
    this.lines = [];
    this.waiting = undefined;
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => this.read(chunk));
    socket.on('error', (error) => this.waiting?.reject(error));
    socket.on('close', () => this.waiting?.reject(new Error('the sink closed the connection')));
  }

  read(chunk) {
    this.buffered += chunk;
    let end;
    while ((end = this.buffered.indexOf('\r\n')) >= 0) {
      const line = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 2);
      this.lines.push(line);
      if (line[3] !== '-') {
        this.replies.push(this.lines.join('\n'));
        this.lines = [];
      }
    }
    this.settle();
  }

  settle() {
    if (this.waiting && this.replies.length >= this.waiting.count) {
      const { resolve, count } = this.waiting;
      this.waiting = undefined;
      resolve(this.replies.splice(0, count));
    }
  }

  expect(count) {
    return new Promise((resolve, reject) => {
      this.waiting = { count, resolve, reject };
      this.settle();
    });
  }

  write(bytes) {
    this.socket.write(bytes);
  }

  close() {
    this.socket.destroy();
  }
}
