/** A zip file's end-of-central-directory record: its signature, and where it says the directory is. */
const END_SIGNATURE = 0x06054b50;
const ENTRY_SIGNATURE = 0x02014b50;
/** The record is 22 bytes, followed by a comment of up to 65,535. */
const END_SEARCH = 22 + 0xffff;

/**
 * Pure: what the files in a zip (an .xlsx) add up to once unpacked, from its
 * central directory, without unpacking anything; undefined when the bytes are
 * not a zip that can be read that way (the reader then says what is wrong).
 * A zip64 size (0xFFFFFFFF) counts as 4 GB: far over any limit.
 */
export function unpackedSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - END_SEARCH); at--) {
    if (view.getUint32(at, true) === END_SIGNATURE) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let index = 0; index < entries; index++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== ENTRY_SIGNATURE) return undefined;
    total += view.getUint32(at + 24, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}
