import * as mimeFuncs from 'nodemailer/lib/mime-funcs/index.js';
import * as qp from 'nodemailer/lib/qp/index.js';

/*
 * nodemailer's MIME encoders, and nothing of its transports: building a
 * message (build, check, preview) never loads SMTP code.
 */

/** Quoted-printable with lines of at most 76 characters; `text` must use CRLF line ends. */
export function quotedPrintable(text: string): string {
  return qp.wrap(qp.encode(text), 76);
}

/** A header value as RFC 2047 encoded words where it is not plain ASCII, or holds a word too long to fold. */
export function encodeHeaderWords(value: string): string {
  // A header line may only be folded at whitespace: a word too long for a
  // 78-character line (a 5,000-character subject was one 5,001-character
  // line, over the 998 limit) is written as encoded words, which may be split.
  if (value.split(/\s+/u).some((word) => word.length > LONGEST_FOLDABLE_WORD)) return mimeFuncs.encodeWord(value, 'Q', 52);
  return mimeFuncs.encodeWords(value, 'Q', 52);
}

/** Leaves room for the header's name on a 78-character line. */
const LONGEST_FOLDABLE_WORD = 60;

/** A complete header line folded at 76 characters. */
export function foldHeader(line: string): string {
  return mimeFuncs.foldLines(line, 76, false);
}
