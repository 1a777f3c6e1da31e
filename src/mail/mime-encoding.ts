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

/** A header value as RFC 2047 encoded words where it is not plain ASCII. */
export function encodeHeaderWords(value: string): string {
  return mimeFuncs.encodeWords(value, 'Q', 52);
}

/** A complete header line folded at 76 characters. */
export function foldHeader(line: string): string {
  return mimeFuncs.foldLines(line, 76, false);
}
