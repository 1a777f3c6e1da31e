import { boundaryInsert, endOfData, stuffPiece, type StuffedPiece } from './stuff-piece.js';

/** A message's data as it goes to the socket, in pieces, ending with the lone dot. */
export type DataStuffer = (message: readonly Buffer[]) => Buffer[];

/**
 * Turns a message's pieces into its SMTP data. Most pieces are the same
 * Buffer in every recipient's message (the message builder encodes them once
 * per issue), so each piece's wire form is kept by identity: a shared piece
 * is scanned once per send, and per recipient only the personal pieces are.
 * The kept forms go when the pieces do (a WeakMap). The pieces are never
 * joined: the socket takes them one after the other.
 */
export function createDataStuffer(): DataStuffer {
  const stuffed = new WeakMap<Buffer, StuffedPiece>();
  const wireForm = (piece: Buffer): StuffedPiece => {
    let form = stuffed.get(piece);
    if (!form) {
      form = stuffPiece(piece);
      stuffed.set(piece, form);
    }
    return form;
  };
  return (message) => {
    const out: Buffer[] = [];
    // -1: the start of the data, where a line starts.
    let last = -1;
    for (const piece of message) {
      if (piece.length === 0) continue;
      const form = wireForm(piece);
      const insert = boundaryInsert(last, form.first);
      if (insert) out.push(insert);
      out.push(form.bytes);
      last = form.last;
    }
    out.push(endOfData(last));
    return out;
  };
}
