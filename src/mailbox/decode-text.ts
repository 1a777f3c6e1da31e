/**
 * Pure: the bytes of a body (held one character a byte) to text, undoing the
 * transfer encoding and then the charset. An unknown charset is read as
 * UTF-8 and an unknown encoding as none: a report in an odd charset still
 * yields its addresses and status codes, which are ASCII.
 */
export function decodeBody(raw: string, transferEncoding: string | undefined, charset: string | undefined): string {
  const encoding = transferEncoding?.trim().toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(raw.replace(/[^A-Za-z0-9+/]/gu, ''), 'base64')
      : encoding === 'quoted-printable'
        ? quotedPrintableBytes(raw)
        : undefined;
  if (bytes === undefined) return decodeCharset(raw, charset);
  return decodeBytes(bytes, charset);
}

/** Text held one character a byte, decoded from its charset; ASCII needs nothing. */
export function decodeCharset(latin1: string, charset: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/u.test(latin1) && !/^(?:iso-2022|utf-7|utf-16)/iu.test(charset ?? '')) return latin1;
  return decodeBytes(Buffer.from(latin1, 'latin1'), charset);
}

function decodeBytes(bytes: Buffer, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').trim().toLowerCase() || 'utf-8';
  if (label === 'utf-8' || label === 'utf8' || label === 'us-ascii') return bytes.toString('utf8');
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

function quotedPrintableBytes(raw: string): Buffer {
  const text = raw.replace(/[ \t]+(?=\r?\n)/gu, '').replace(/=\r?\n/gu, '');
  const out = Buffer.allocUnsafe(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61 && i + 2 < text.length + 0 && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) {
      out[length++] = parseInt(text.slice(i + 1, i + 3), 16);
      i += 2;
    } else out[length++] = code & 0xff;
  }
  return out.subarray(0, length);
}

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/gu;

/** A header value with its RFC 2047 encoded words (`=?utf-8?Q?…?=`) decoded; the spaces between two of them dropped. */
export function decodeHeaderWords(value: string): string {
  if (!value.includes('=?')) return decodeCharset(value, 'utf-8');
  const joined = value.replace(/(\?=)\s+(?==\?)/gu, '$1');
  return joined.replace(ENCODED_WORD, (_all, charset: string, kind: string, text: string) => {
    const latin1 =
      kind.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('latin1') : quotedPrintableBytes(text.replace(/_/gu, ' ')).toString('latin1');
    return decodeCharset(latin1, charset.replace(/\*.*$/u, ''));
  });
}
