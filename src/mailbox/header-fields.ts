/** A message's or a part's header, in order: names lower-cased, values unfolded, still encoded. */
export type HeaderFields = ReadonlyArray<readonly [name: string, value: string]>;

export interface HeaderBlock {
  fields: HeaderFields;
  /** Where the body starts: after the blank line, or the end when there is none. */
  bodyStart: number;
}

/** More fields than any real message carries: a header past it is someone's attempt to make the reader slow. */
const MOST_FIELDS = 2000;

/**
 * Pure: the header block at `start` of a message held as a latin1 string (one
 * character a byte, so offsets are byte offsets and nothing is decoded
 * twice). Folded lines are joined; a line that is neither a field nor a
 * continuation (a mangled header) is skipped rather than ending the header.
 */
export function parseHeaderBlock(text: string, start = 0, stop = text.length): HeaderBlock {
  const fields: Array<[string, string]> = [];
  let at = start;
  let current: [string, string] | undefined;
  while (at < stop) {
    let end = text.indexOf('\n', at);
    if (end < 0 || end > stop) end = stop;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(at, end - 1) : text.slice(at, end);
    at = end + 1;
    if (line === '') return { fields, bodyStart: Math.min(at, stop) };
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      if (current) current[1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || /[\s]/u.test(line.slice(0, colon).trimEnd())) {
      // An mbox "From " line or a torn header line: not a field.
      if (fields.length === 0 && line.startsWith('From ')) continue;
      current = undefined;
      continue;
    }
    if (fields.length >= MOST_FIELDS) continue;
    current = [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    fields.push(current);
  }
  return { fields, bodyStart: stop };
}

/** The first value of a field, or undefined. */
export function headerValue(fields: HeaderFields, name: string): string | undefined {
  for (const [n, v] of fields) if (n === name) return v;
  return undefined;
}

export function headerValues(fields: HeaderFields, name: string): string[] {
  const values: string[] = [];
  for (const [n, v] of fields) if (n === name) values.push(v);
  return values;
}

export interface ContentType {
  /** Lower-case `type/subtype`; `text/plain` when missing or unreadable (RFC 2045). */
  type: string;
  params: Record<string, string>;
}

/** `multipart/report; report-type=delivery-status; boundary="x"` read, with RFC 2231 continuations joined. */
export function parseContentType(value: string | undefined): ContentType {
  if (value === undefined) return { type: 'text/plain', params: {} };
  const semicolon = value.indexOf(';');
  const type = (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  return {
    type: /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/u.test(type) ? type : 'text/plain',
    params: semicolon < 0 ? {} : parseParams(value.slice(semicolon + 1)),
  };
}

const PARAM = /\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))\s*;?/gu;

function parseParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of text.matchAll(PARAM)) {
    const name = match[1]!.toLowerCase();
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/gu, '$1') : match[3]!.trim();
    // name*0, name*1 … continue one value; name* (charset'lang'value) is percent-encoded.
    const continued = /^(.+?)\*(\d+)?\*?$/u.exec(name);
    if (continued) {
      const base = continued[1]!;
      params[base] = (params[base] ?? '') + (name.endsWith('*') && !continued[2] ? percentDecoded(value) : value);
    } else params[name] = value;
  }
  return params;
}

function percentDecoded(value: string): string {
  const plain = value.replace(/^[^']*'[^']*'/u, '');
  try {
    return decodeURIComponent(plain);
  } catch {
    return plain;
  }
}
