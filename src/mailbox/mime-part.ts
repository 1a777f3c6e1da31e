import { decodeBody } from './decode-text.js';
import { headerValue, parseContentType, parseHeaderBlock, type ContentType, type HeaderFields } from './header-fields.js';

/** One part of a message: its header, its type, and where its body lies in the message's text. */
export interface MimePart {
  fields: HeaderFields;
  contentType: ContentType;
  /** The message's text, one character a byte; the body is `source.slice(bodyStart, bodyEnd)`. */
  source: string;
  bodyStart: number;
  bodyEnd: number;
  /** The parts of a multipart, in order. */
  parts: MimePart[];
  /** The message inside a `message/rfc822` (or `message/global`) part. */
  message?: MimePart;
}

/** Deeper than any report nests: a tree past it is malformed (or hostile) and read no further. */
const MOST_DEPTH = 12;
const MOST_PARTS = 500;

/**
 * Pure: a raw message (one character a byte) as a tree of parts. Nothing is
 * decoded here: bodies are found by their boundaries and decoded only when a
 * reader asks (partText), so a 20 MB attachment costs one scan for the next
 * boundary. A multipart without its boundary, or with no closing one, keeps
 * what was found: a damaged report still shows its readable parts.
 */
export function parseMimeMessage(source: string): MimePart {
  const budget = { parts: MOST_PARTS };
  return parsePart(source, 0, source.length, 0, budget);
}

function parsePart(source: string, start: number, end: number, depth: number, budget: { parts: number }): MimePart {
  budget.parts--;
  const block = parseHeaderBlock(source, start, end);
  const contentType = parseContentType(headerValue(block.fields, 'content-type'));
  const part: MimePart = { fields: block.fields, contentType, source, bodyStart: Math.min(block.bodyStart, end), bodyEnd: end, parts: [] };
  if (depth >= MOST_DEPTH || budget.parts <= 0) return part;
  const declared = headerValue(block.fields, 'content-type') !== undefined;
  if (contentType.type.startsWith('multipart/') || !declared) {
    let ranges = contentType.params.boundary ? partRanges(source, part.bodyStart, end, contentType.params.boundary) : [];
    // A damaged report (a boundary that does not match its parts, or no Content-Type at all) still has its parts.
    if (ranges.length === 0) {
      const guessed = guessBoundary(source, part.bodyStart, end);
      if (guessed !== undefined) ranges = partRanges(source, part.bodyStart, end, guessed);
    }
    for (const [from, to] of ranges) {
      if (budget.parts <= 0) break;
      part.parts.push(parsePart(source, from, to, depth + 1, budget));
    }
  } else if (isEnclosedMessage(contentType.type) && !isEncoded(part)) {
    part.message = parsePart(source, part.bodyStart, end, depth + 1, budget);
  }
  return part;
}

function isEnclosedMessage(type: string): boolean {
  return type === 'message/rfc822' || type === 'message/global' || type === 'text/rfc822-headers' || type === 'message/rfc822-headers';
}

/** An enclosed message sent base64 (some servers do): decoded before it is read. */
function isEncoded(part: MimePart): boolean {
  const encoding = headerValue(part.fields, 'content-transfer-encoding')?.toLowerCase();
  return encoding === 'base64' || encoding === 'quoted-printable';
}

/** Where each part between `--boundary` lines lies, ending at `--boundary--` or at the end. */
function partRanges(source: string, start: number, end: number, boundary: string): Array<[number, number]> {
  const marker = `--${boundary}`;
  const ranges: Array<[number, number]> = [];
  let open: number | undefined;
  let at = start;
  for (;;) {
    const found = findBoundaryLine(source, marker, at, end);
    if (found < 0) break;
    const lineEnd = source.indexOf('\n', found);
    const after = lineEnd < 0 || lineEnd > end ? end : lineEnd + 1;
    // The line break before a boundary belongs to the boundary.
    if (open !== undefined) ranges.push([open, Math.max(open, found - (source.charCodeAt(found - 2) === 13 ? 2 : 1))]);
    if (source.startsWith('--', found + marker.length)) return ranges;
    open = after;
    at = after;
  }
  if (open !== undefined && open < end) ranges.push([open, end]);
  return ranges;
}

/** The boundary a body's parts are evidently separated by: a `--token` line at its start (after at most a preamble) that comes again. */
function guessBoundary(source: string, start: number, end: number): string | undefined {
  const head = source.slice(start, Math.min(end, start + 600));
  const token = /^--(?=\S*[A-Za-z0-9])(\S{6,70})[ \t]*\r?$/mu.exec(head)?.[1]?.replace(/--$/u, '');
  if (token === undefined) return undefined;
  const second = source.indexOf(`\n--${token}`, start + head.indexOf(token) + token.length);
  return second >= 0 && second < end ? token : undefined;
}

/** The next `--boundary` at the start of a line, or -1. */
function findBoundaryLine(source: string, marker: string, from: number, end: number): number {
  let at = from;
  for (;;) {
    const found = source.indexOf(marker, at);
    if (found < 0 || found + marker.length > end) return -1;
    if (found === from || source.charCodeAt(found - 1) === 10) return found;
    at = found + marker.length;
  }
}

/** A part's body as text, its transfer encoding and charset undone. */
export function partText(part: MimePart): string {
  return decodeBody(part.source.slice(part.bodyStart, part.bodyEnd), headerValue(part.fields, 'content-transfer-encoding'), part.contentType.params.charset);
}

/** The message inside a part sent base64 or quoted-printable, or the one already parsed. */
export function enclosedMessage(part: MimePart): MimePart | undefined {
  if (part.message) return part.message;
  if (!isEnclosedMessage(part.contentType.type)) return undefined;
  const encoding = headerValue(part.fields, 'content-transfer-encoding');
  return parseMimeMessage(Buffer.from(decodeBody(part.source.slice(part.bodyStart, part.bodyEnd), encoding, 'utf-8'), 'utf8').toString('latin1'));
}

/** Every part, depth first, not descending into enclosed messages: the report's own parts. */
export function ownParts(part: MimePart): MimePart[] {
  const found: MimePart[] = [part];
  for (const child of part.parts) found.push(...ownParts(child));
  return found;
}
