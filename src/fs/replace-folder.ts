import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SnippetError } from '../errors.js';
import { makeFolder } from './make-folder.js';
import { writeFailureHint, writeSynced } from './write-files-atomically.js';

/** Marks a folder as one this function made, and so may replace as a whole. */
export const FOLDER_MARKER = '.snippet-built';

/** Files written at once: enough to keep the disk busy, few enough to stay under any open-file limit. */
const PARALLEL_WRITES = 16;

/**
 * Replaces the folder `target` with exactly `files`, as a whole: they are
 * written and synced into a new folder beside it, which then takes the old
 * one's place by rename. A failed build or a crash leaves the old folder as
 * it was. Between the two renames (old aside, new in) a crash leaves the old
 * folder under a temporary name; the next run puts it back before starting.
 * A folder that this function did not make is never replaced.
 */
export async function replaceFolder(
  target: string,
  files: ReadonlyArray<{ name: string; data: string | Buffer }>,
  options: { shown?: string; marker: string },
): Promise<void> {
  const shown = options.shown ?? target;
  const parent = dirname(target);
  const name = basename(target);
  const fresh = join(parent, `.${name}.new-${process.pid}`);
  const aside = join(parent, `.${name}.old-${process.pid}`);
  // Level by level: where no folder can be made (/proc), Node's recursive mkdir never returns.
  await makeFolder(parent);
  await recoverInterruptedSwap(parent, name, target).catch((error: NodeJS.ErrnoException) => {
    throw failure(error, shown);
  });
  await refuseForeignFolder(target, shown);

  try {
    await rm(fresh, { recursive: true, force: true });
    await mkdir(fresh); // not recursive, for the same reason
    const all = [...files, { name: FOLDER_MARKER, data: options.marker }];
    const folders = new Set(all.map((file) => dirname(join(fresh, file.name))));
    for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
    for (let start = 0; start < all.length; start += PARALLEL_WRITES) {
      await Promise.all(all.slice(start, start + PARALLEL_WRITES).map((file) => writeSynced(join(fresh, file.name), file.data)));
    }
  } catch (error) {
    await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    throw failure(error as NodeJS.ErrnoException, shown);
  }

  const existed = await stat(target).then(
    () => true,
    () => false,
  );
  if (existed) await rename(target, aside);
  try {
    await rename(fresh, target);
  } catch (error) {
    if (existed) await rename(aside, target).catch(() => undefined);
    await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    throw failure(error as NodeJS.ErrnoException, shown);
  }
  await rm(aside, { recursive: true, force: true });
}

/** A crash between the renames left the last good folder aside and none in place: put it back. Leftover new folders go. */
async function recoverInterruptedSwap(parent: string, name: string, target: string): Promise<void> {
  const entries = await readdir(parent);
  const ours = (kind: 'new' | 'old') => entries.filter((entry) => entry.startsWith(`.${name}.${kind}-`) && !isRunning(entry));
  const targetExists = entries.includes(name);
  const old = ours('old');
  if (!targetExists && old[0] !== undefined) await rename(join(parent, old[0]), target);
  for (const entry of [...ours('new'), ...ours('old').filter((entry) => targetExists || entry !== old[0])]) {
    await rm(join(parent, entry), { recursive: true, force: true });
  }
}

async function refuseForeignFolder(target: string, shown: string): Promise<void> {
  const entries = await readdir(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    if (error.code === 'ENOTDIR') throw new SnippetError(`${shown} is a file, not a folder`, { hint: 'Choose another --out, or move that file away.' });
    throw failure(error, shown);
  });
  if (entries.length === 0 || entries.includes(FOLDER_MARKER)) return;
  throw new SnippetError(`${shown} already has files that snippet did not make, so it is left alone`, {
    hint: `Choose an empty or new folder with --out; snippet replaces the whole folder on every build.`,
  });
}

/** Another run at the same time owns its own folders: a folder is stale only when its process is gone. */
function isRunning(entry: string): boolean {
  const pid = Number(/-(\d+)$/u.exec(entry)?.[1]);
  if (!Number.isSafeInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function failure(error: NodeJS.ErrnoException, shown: string): unknown {
  if (error instanceof SnippetError || error.code === undefined) return error;
  return new SnippetError(`could not write ${shown} (${error.code}); the site there is unchanged`, { hint: writeFailureHint(error.code), cause: error });
}
