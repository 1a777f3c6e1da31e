const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;

/**
 * One piece of a message in its SMTP wire form (RFC 5321 4.5.2): every bare
 * CR and bare LF made CRLF, and a dot that starts a line doubled, for every
 * line that starts inside the piece. Whether the piece's own first byte
 * starts a line depends on the piece before it, so that byte is left as it
 * is and `boundaryInsert` supplies what goes between the two.
 */
export interface StuffedPiece {
  /** The bytes to send: the piece itself when nothing needed changing. */
  bytes: Buffer;
  /** The original first and last byte (-1 for an empty piece). */
  first: number;
  last: number;
}

const INSERT_CR = Buffer.from('\r');
const INSERT_LF = Buffer.from('\n');
const INSERT_LF_DOT = Buffer.from('\n.');
const INSERT_DOT = Buffer.from('.');

/** Pure: a piece in wire form. Only CR and LF are looked for, so a piece without them costs two searches. */
export function stuffPiece(piece: Buffer): StuffedPiece {
  const length = piece.length;
  if (length === 0) return { bytes: piece, first: -1, last: -1 };
  const out: Buffer[] = [];
  let copied = 0;
  let size = 0;
  let nextCr = piece.indexOf(CR);
  let nextLf = piece.indexOf(LF);
  // Each position where a line break ends (or a bare CR or LF stands) decides one insertion, before the byte at `at`.
  const insertBefore = (at: number, insert: Buffer): void => {
    if (at > copied) {
      out.push(piece.subarray(copied, at));
      size += at - copied;
    }
    out.push(insert);
    size += insert.length;
    copied = at;
  };
  while (nextCr >= 0 || nextLf >= 0) {
    const at = nextCr >= 0 && (nextLf < 0 || nextCr < nextLf) ? nextCr : nextLf;
    const byte = piece[at]!;
    // Before the first byte is the seam's business.
    if (byte === LF && at > 0 && piece[at - 1] !== CR) insertBefore(at, INSERT_CR);
    // What follows this CR or LF is looked at from the byte after it.
    const next = at + 1;
    if (next < length) {
      const following = piece[next]!;
      if (byte === CR && following !== LF) insertBefore(next, following === DOT ? INSERT_LF_DOT : INSERT_LF);
      else if (byte === LF && following === DOT) insertBefore(next, INSERT_DOT);
    }
    if (byte === CR) nextCr = piece.indexOf(CR, at + 1);
    else nextLf = piece.indexOf(LF, at + 1);
  }
  if (out.length === 0) return { bytes: piece, first: piece[0]!, last: piece[length - 1]! };
  if (copied < length) {
    out.push(piece.subarray(copied));
    size += length - copied;
  }
  return { bytes: Buffer.concat(out, size), first: piece[0]!, last: piece[length - 1]! };
}

/**
 * What goes between a piece ending in `last` (-1: the start of the data) and
 * one starting with `first`: the same rules, at the seam.
 */
export function boundaryInsert(last: number, first: number): Buffer | undefined {
  if (last === CR && first !== LF) return first === DOT ? INSERT_LF_DOT : INSERT_LF;
  if (first === LF && last !== CR) return INSERT_CR;
  if (first === DOT && (last === LF || last === -1)) return INSERT_DOT;
  return undefined;
}

const END_AFTER_LF = Buffer.from('.\r\n');
const END_AFTER_CR = Buffer.from('\n.\r\n');
const END = Buffer.from('\r\n.\r\n');

/** The end of the data, after a last byte `last`: the message's final line completed, then the lone dot. */
export function endOfData(last: number): Buffer {
  if (last === LF) return END_AFTER_LF;
  if (last === CR) return END_AFTER_CR;
  return END;
}
