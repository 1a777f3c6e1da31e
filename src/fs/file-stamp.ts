import { statSync, type BigIntStats } from 'node:fs';
import { stat } from 'node:fs/promises';

/**
 * What a file is now, as one string: its device, inode, size, modification
 * and change times (nanoseconds), or `absent`. Two equal stamps mean nobody
 * replaced, appended to or rewrote the file in between, so what was parsed
 * from it still holds; take the stamp before reading, so that a change made
 * during the read shows as a different stamp next time. Undefined when the
 * file cannot be looked at: the caller reads it, and reports why.
 */
export async function fileStamp(path: string): Promise<string | undefined> {
  try {
    return stampOf(await stat(path, { bigint: true }));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : undefined;
  }
}

/** The same stamp taken on this thread, for a check made too often for a trip through the thread pool. */
export function fileStampNow(path: string): string | undefined {
  try {
    return stampOf(statSync(path, { bigint: true }));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : undefined;
  }
}

/** A stat's stamp. */
export function stampOf(info: BigIntStats): string {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}
