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
    const info = await stat(path, { bigint: true });
    return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : undefined;
  }
}
