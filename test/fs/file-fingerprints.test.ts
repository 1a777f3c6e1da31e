import { readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ABSENT, FileFingerprints, fingerprintOf } from '../../src/fs/file-fingerprints.js';
import { tempDirPerTest } from '../support/temp-dir.js';

const temp = tempDirPerTest('snippet-fingerprints-');
let file: string;
beforeEach(() => {
  file = join(temp.dir, '2026-12.md');
});

/** A modification time in whole seconds, which utimes sets back exactly. */
const LONG_AGO = new Date('2026-01-01T00:00:00Z');
/** A clock long after every file here changed: each stat is trusted as soon as it is seen. */
const later = (): bigint => BigInt(Date.now() + 3_600_000) * 1_000_000n;

/** Writes the file in place (same inode) and gives it LONG_AGO as its modification time. */
async function writeLongAgo(path: string, text: string): Promise<void> {
  await writeFile(path, text);
  await utimes(path, LONG_AGO, LONG_AGO);
}

describe('FileFingerprints', () => {
  it("gives the SHA-256 of the file's bytes, and ABSENT for no file", async () => {
    const fingerprints = new FileFingerprints();
    await writeFile(file, 'subject: Première\n');
    expect(await fingerprints.of(file)).toBe(fingerprintOf(Buffer.from('subject: Première\n')));
    expect(await fingerprints.of(file)).toBe(fingerprintOf('subject: Première\n'));
    await rm(file);
    expect(await fingerprints.of(file)).toBe(ABSENT);
    await writeFile(file, 'back');
    expect(await fingerprints.of(file)).toBe(fingerprintOf('back'));
  });

  // /proc/self/io changes with every read (its rchar counts the bytes this process read) while its stat stays the same.
  const COUNTING = '/proc/self/io';

  it('does not read a settled file again while its stat is the same', async () => {
    const fingerprints = new FileFingerprints(later);
    const first = await fingerprints.of(COUNTING);
    expect(fingerprintOf(await readFile(COUNTING))).not.toBe(first);
    expect(await fingerprints.of(COUNTING)).toBe(first);
  });

  it('reads a file that changed within the settling time again, though its stat is the same', async () => {
    const changed = (await stat(COUNTING, { bigint: true })).ctimeNs;
    const fingerprints = new FileFingerprints(() => changed + 1_999_999_999n);
    const first = await fingerprints.of(COUNTING);
    expect(await fingerprints.of(COUNTING)).not.toBe(first);
  });

  it('reads a file changed just now again, even when its size and modification time are the same (regression: two saves in one clock tick)', async () => {
    const fingerprints = new FileFingerprints();
    await writeLongAgo(file, 'status: draft\n');
    expect(await fingerprints.of(file)).toBe(fingerprintOf('status: draft\n'));
    // Another editor's save of the same length, its time set back as `cp -p` does: only the change time can tell, and it may be the same tick.
    await writeLongAgo(file, 'status: DRAFT\n');
    expect((await stat(file)).mtime).toEqual(LONG_AGO);
    expect(await fingerprints.of(file)).toBe(fingerprintOf('status: DRAFT\n'));
  });

  it('reads a settled file again when an edit in place changes its modification time, at the same size', async () => {
    const fingerprints = new FileFingerprints(later);
    await writeLongAgo(file, 'status: draft\n');
    expect(await fingerprints.of(file)).toBe(fingerprintOf('status: draft\n'));
    await writeFile(file, 'status: DRAFT\n');
    expect(await fingerprints.of(file)).toBe(fingerprintOf('status: DRAFT\n'));
  });

  it('reads a settled file again when another editor saves it by renaming a new file over it, of the same size and time', async () => {
    const fingerprints = new FileFingerprints(later);
    await writeLongAgo(file, 'status: draft\n');
    expect(await fingerprints.of(file)).toBe(fingerprintOf('status: draft\n'));
    const saved = join(temp.dir, '.2026-12.md.swp');
    await writeLongAgo(saved, 'status: DRAFT\n');
    await rename(saved, file);
    expect((await stat(file)).mtime).toEqual(LONG_AGO);
    expect(await fingerprints.of(file)).toBe(fingerprintOf('status: DRAFT\n'));
  });
});
