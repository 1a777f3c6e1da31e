import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { SnippetError } from '../errors.js';
import { diskFull, isDiskFull } from './disk-full.js';

/**
 * Writes every file to a temporary name first and renames them into place only
 * when all were written and synced, so a crash or a full disk never leaves a
 * half-written file under the real name. The temporary file sits in the same
 * folder as its target: a rename is only atomic within one file system, and
 * `name` may be a path such as `contacts/members.csv`.
 */
export async function writeFilesAtomically(
  dir: string,
  files: ReadonlyArray<{ name: string; data: string | Buffer }>,
  options: { shownDir?: string } = {},
): Promise<void> {
  // Messages name a file as the user knows it: under `shownDir` (say, relative to the workspace), else under `dir`.
  const shown = (path: string): string => (options.shownDir === undefined ? path : join(options.shownDir, relative(dir, path)));
  const temporary = files.map((file) => {
    const path = join(dir, file.name);
    return { ...file, path, tmp: join(dirname(path), `.${basename(path)}.${process.pid}.tmp`) };
  });
  let current = temporary[0];
  try {
    await mkdir(dir, { recursive: true });
    for (const file of temporary) {
      current = file;
      await mkdir(dirname(file.path), { recursive: true });
      // A replaced file keeps its permissions: a members.csv kept private (0600) must stay so.
      const mode = (await stat(file.path).catch(() => undefined))?.mode;
      await writeSynced(file.tmp, file.data);
      if (mode !== undefined) await chmod(file.tmp, mode & 0o7777);
    }
  } catch (error) {
    await Promise.all(temporary.map((file) => rm(file.tmp, { force: true }).catch(() => undefined)));
    throw await writeFailure(error, current?.path ?? dir, shown);
  }
  for (const file of temporary) {
    await rename(file.tmp, file.path).catch(async (error: unknown) => {
      await rm(file.tmp, { force: true }).catch(() => undefined);
      throw await writeFailure(error, file.path, shown);
    });
  }
  // The renames themselves are durable only once their folders are synced.
  for (const folder of new Set(temporary.map((file) => dirname(file.path)))) await syncFolder(folder);
}

/** A failed write as the user can act on it: which file, why, and that its old version is still there. */
async function writeFailure(error: unknown, path: string, shown: (path: string) => string): Promise<unknown> {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return error;
  const existed = await stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
  const folder = dirname(shown(path));
  return new SnippetError(`could not write ${shown(path)} (${writeFailureWhy(code, folder)}); ${existed ? 'it is unchanged' : 'nothing was written'}`, {
    hint: writeFailureHint(code, folder),
    cause: error,
  });
}

/** Why a write in `folder` failed, in plain words where there are some (a full disk), else its error code. */
export function writeFailureWhy(code: string, folder: string): string {
  return isDiskFull(code) ? diskFull(folder).why : code;
}

/** What to do about a failed write in `folder`, by its error code. */
export function writeFailureHint(code: string | undefined, folder: string): string {
  if (isDiskFull(code)) return diskFull(folder).hint;
  if (code === 'EFBIG') return 'The file size limit was reached: raise it (`ulimit -f unlimited`) or free some space, then try again.';
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'A file stands where a folder is needed: choose another place or move that file away.';
  return 'Check that the folder exists and is writable, then try again.';
}

/** Makes the renames and links in `folder` durable; a no-op where folders cannot be synced. */
export async function syncFolder(folder: string): Promise<void> {
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
