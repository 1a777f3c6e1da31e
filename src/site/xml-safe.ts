/**
 * Everything XML 1.0 forbids in a document (§2.2): C0 controls other than
 * tab, LF and CR, lone surrogates, U+FFFE and U+FFFF. One of them anywhere
 * makes a reader reject the whole feed.
 */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Pure: an XML document with every character XML forbids removed (Word's line and page breaks, a stray ESC). */
export function xmlSafe(xml: string): string {
  return xml.replace(FORBIDDEN, '');
}
