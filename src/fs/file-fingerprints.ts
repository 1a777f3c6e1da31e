import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { stampOf } from './file-stamp.js';

/**
 * A file changed less than this long before it was looked at may change
 * again without its stat showing it: file times are kept in ticks (a few ms
 * on Linux, 2 s on FAT), so two writes of the same size in one tick leave the
 * same stat. Such a file is read again next time (git does the same with its
 * "racily clean" entries).
 */
const SETTLING_NS = 2_000_000_000n;

/** What a file's fingerprint is when there is no file. */
export const ABSENT = 'absent';

/** Pure: the fingerprint of a file's contents (SHA-256 of its bytes), as FileFingerprints gives it. */
export function fingerprintOf(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The fingerprints of files' contents, read again only when a file's stat
 * changed: its device and inode (another editor saving by rename), size,
 * modification time and change time (which no one can set back; `touch -d`
 * and `cp -p` move it on too), each to the nanosecond where the file system
 * keeps them. A file that had changed within SETTLING_NS of being looked at
 * is read again next time all the same.
 */
export class FileFingerprints {
  private readonly known = new Map<string, { stamp: string; fingerprint: string }>();

  /** `nowNs`: the time on the files' clock, in nanoseconds since 1970. */
  constructor(private readonly nowNs: () => bigint = () => BigInt(Date.now()) * 1_000_000n) {}

  /** The fingerprint of `path`'s bytes, or ABSENT when there is no such file; a file that cannot be read throws as readFile does. */
  async of(path: string): Promise<string> {
    // Taken before the stat, so that a file changed after it counts as just changed.
    const now = this.nowNs();
    let stats;
    try {
      stats = await stat(path, { bigint: true });
    } catch (error) {
      this.known.delete(path);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ABSENT;
      throw error;
    }
    const stamp = stampOf(stats);
    const last = this.known.get(path);
    if (last?.stamp === stamp) return last.fingerprint;
    const fingerprint = fingerprintOf(await readFile(path));
    const changed = stats.mtimeNs > stats.ctimeNs ? stats.mtimeNs : stats.ctimeNs;
    if (now - changed >= SETTLING_NS) this.known.set(path, { stamp, fingerprint });
    else this.known.delete(path);
    return fingerprint;
  }
}
