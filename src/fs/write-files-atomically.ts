import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes every file to a temporary name first and renames them into place only
 * when all were written and synced, so a crash or a full disk never leaves a
 * half-written file under the real name. The temporary file sits in the same
 * folder as its target: a rename is only atomic within one file system, and
 * `name` may be a path such as `contacts/members.csv`.
 */
export async function writeFilesAtomically(dir: string, files: ReadonlyArray<{ name: string; data: string | Buffer }>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temporary = files.map((file) => {
    const path = join(dir, file.name);
    return { ...file, path, tmp: join(dirname(path), `.${basename(path)}.${process.pid}.tmp`) };
  });
  try {
    for (const file of temporary) {
      await mkdir(dirname(file.path), { recursive: true });
      await writeSynced(file.tmp, file.data);
    }
  } catch (error) {
    await Promise.all(temporary.map((file) => rm(file.tmp, { force: true })));
    throw error;
  }
  for (const file of temporary) await rename(file.tmp, file.path);
  // The renames themselves are durable only once their folders are synced.
  for (const folder of new Set(temporary.map((file) => dirname(file.path)))) await syncFolder(folder);
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems (and Windows) cannot sync a folder; the rename still happened.
  } finally {
    await handle.close();
  }
}

/**
 * Writes (or, with flag 'a', appends to) `path` and waits until the data is
 * on disk, so a rename after it never exposes a partial file and an
 * acknowledged append survives a crash.
 */
export async function writeSynced(path: string, data: string | Buffer, options: { flag?: 'w' | 'a'; mode?: number } = {}): Promise<void> {
  const handle = await open(path, options.flag ?? 'w', options.mode ?? 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
