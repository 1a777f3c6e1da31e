import DataStream from 'nodemailer/lib/smtp-connection/data-stream.js';
import { describe, expect, it } from 'vitest';
import { createDataStuffer } from '../../src/smtp/create-data-stuffer.js';
import { stuffPiece } from '../../src/smtp/stuff-piece.js';

/** The message's data as nodemailer's DataStream makes it from the joined message: the reference. */
async function referenceData(pieces: readonly Buffer[]): Promise<Buffer> {
  const stream = new DataStream();
  const out: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  for (const piece of pieces) stream.write(piece);
  stream.end();
  await ended;
  return Buffer.concat(out);
}

const b = (text: string): Buffer => Buffer.from(text, 'latin1');
const data = (pieces: readonly Buffer[]): string => Buffer.concat(createDataStuffer()(pieces)).toString('latin1');

describe('the message data in wire form', () => {
  it('doubles a dot that starts a line, inside a piece', () => {
    expect(data([b('a\r\n.b\r\n..c\r\n')])).toBe('a\r\n..b\r\n...c\r\n.\r\n');
  });

  it('doubles a dot that starts a line at a piece boundary (a piece beginning with "." after one ending in CRLF)', () => {
    expect(data([b('Hello\r\n'), b('.hidden\r\n')])).toBe('Hello\r\n..hidden\r\n.\r\n');
    // The same shared piece after a piece that does not end a line is left alone.
    expect(data([b('Hello '), b('.hidden\r\n')])).toBe('Hello .hidden\r\n.\r\n');
  });

  it('doubles a dot at the very start of the data', () => {
    expect(data([b('.start\r\n')])).toBe('..start\r\n.\r\n');
  });

  it('makes bare LF and bare CR into CRLF, also across a boundary, without doubling a CRLF split in two', () => {
    expect(data([b('a\nb\rc\r\n')])).toBe('a\r\nb\r\nc\r\n.\r\n');
    expect(data([b('a\r'), b('\nb')])).toBe('a\r\nb\r\n.\r\n');
    expect(data([b('a'), b('\n.b')])).toBe('a\r\n..b\r\n.\r\n');
    expect(data([b('a\r'), b('.b')])).toBe('a\r\n..b\r\n.\r\n');
    expect(data([b('a\r'), b('b')])).toBe('a\r\nb\r\n.\r\n');
  });

  it('ends the data on its own line whatever the last byte', () => {
    expect(data([b('x\r\n')])).toBe('x\r\n.\r\n');
    expect(data([b('x\r')])).toBe('x\r\n.\r\n');
    expect(data([b('x')])).toBe('x\r\n.\r\n');
    expect(data([])).toBe('\r\n.\r\n');
  });

  it('skips empty pieces without losing the line start before them', () => {
    expect(data([b('a\r\n'), b(''), b('.b')])).toBe('a\r\n..b\r\n.\r\n');
  });

  it('gives back a piece that needs nothing as the same buffer, and stuffs a shared piece once', () => {
    const clean = b('no dots here\r\nat any line start\r\n');
    expect(stuffPiece(clean).bytes).toBe(clean);
    const shared = b('\r\n.shared\r\n');
    const stuff = createDataStuffer();
    const first = stuff([b('To: one\r\n'), shared]);
    const second = stuff([b('To: two\r\n'), shared]);
    expect(first[1]).toBe(second[1]);
  });

  it('matches nodemailer\'s data stream byte for byte on many random messages', async () => {
    // A fixed-seed generator: the same messages on every run.
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = ['.', '.', '\r', '\n', '\r\n', 'a', 'b', ' ', '=', '\r\n.'];
    for (let message = 0; message < 300; message++) {
      const pieces: Buffer[] = [];
      const count = random(6);
      for (let p = 0; p < count; p++) {
        let text = '';
        const length = random(12);
        for (let i = 0; i < length; i++) text += alphabet[random(alphabet.length)];
        pieces.push(b(text));
      }
      expect(data(pieces), JSON.stringify(pieces.map((piece) => piece.toString('latin1')))).toBe((await referenceData(pieces)).toString('latin1'));
    }
  });
});
