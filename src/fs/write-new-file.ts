import { link, mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeSynced } from './write-files-atomically.js';

/**
 * Writes a file that must not exist yet, atomically: the data goes to a
 * temporary name first and is then hard-linked into place. Unlike a rename,
 * a link fails when the name is taken, so a file that appeared in the
 * meantime (another run, an editor) is never replaced. False when it exists.
 */
export async function writeNewFile(path: string, data: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeSynced(tmp, data);
    await link(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(tmp, { force: true });
  }
}
