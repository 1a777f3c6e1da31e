export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Pure: the bytes of an exported CSV file in, its text out (a byte-order mark
 * kept, for readCsvRows to note). Excel writes "CSV UTF-8" with a BOM,
 * "Unicode Text" as UTF-16 and plain "CSV" in the Windows code page; Outlook
 * exports in the code page too. Bytes that are not valid UTF-8 are read as
 * Windows-1252, which is what such a file almost always is in the UK, so that
 * "Siobhán" survives instead of turning into "Siobh�n".
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode('utf-16le', bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode('utf-16be', bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decode('windows-1252', bytes), encoding: 'windows-1252' };
  }
}

function decode(encoding: string, bytes: Uint8Array): string {
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}
