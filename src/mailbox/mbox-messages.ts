import { createReadStream } from 'node:fs';

/**
 * Streams the messages of an mbox file one at a time, never holding more
 * than one message and a read-ahead chunk: a year of reports can be large.
 * A message starts at a `From ` line at the start of the file or after a
 * line break; `>From ` lines inside messages (mboxrd, mboxo) lose one `>`.
 */
export async function* mboxMessages(path: string): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  let started = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    let from = 0;
    for (;;) {
      const next = nextSeparator(pending, from === 0 && !started ? 0 : from + 1);
      if (next < 0) break;
      if (started) yield unescape(pending.subarray(from, next));
      started = true;
      from = next;
    }
    pending = from === 0 ? pending : pending.subarray(from);
  }
  if (pending.length > 0) yield unescape(pending);
}

const FROM_LINE = Buffer.from('\nFrom ');

/** Where the next message's `From ` line begins at or after `at`, or -1. */
function nextSeparator(data: Buffer, at: number): number {
  if (at === 0 && data.subarray(0, 5).toString('latin1') === 'From ') return 0;
  const found = data.indexOf(FROM_LINE, Math.max(0, at - 1));
  return found < 0 ? -1 : found + 1;
}

/** Drops the `From ` line and undoes `>From ` quoting; the line ends are left as they are. */
function unescape(message: Buffer): Buffer {
  const start = message.subarray(0, 5).toString('latin1') === 'From ' ? message.indexOf(0x0a) + 1 : 0;
  const text = message.subarray(start > 0 ? start : 0).toString('latin1');
  const body = text.includes('\n>') ? text.replace(/\n>(>*From )/gu, '\n$1') : text;
  return Buffer.from(body.replace(/\r?\n$/u, ''), 'latin1');
}
