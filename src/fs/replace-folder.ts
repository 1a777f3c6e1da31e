import { lstat, mkdir, readdir, readFile, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SnippetError } from '../errors.js';
import { makeFolder } from './make-folder.js';
import { writeFailureHint, writeFailureWhy, writeSynced } from './write-files-atomically.js';

/** Marks a folder as one this function made, and so may replace as a whole. */
export const FOLDER_MARKER = '.snippet-built';

/** The line in the marker after which it lists every file the build wrote. */
const MANIFEST_HEADING = 'It replaces the folder only while it holds nothing but these files:';

/** Entries looked at before a folder counts as too big to be a site this function made. */
const MAX_ENTRIES = 200_000;

/** Files written at once: enough to keep the disk busy, few enough to stay under any open-file limit. */
const PARALLEL_WRITES = 16;

/**
 * Replaces the folder `target` with exactly `files`, as a whole: they are
 * written and synced into a new folder beside it, which then takes the old
 * one's place by rename. A failed build or a crash leaves the old folder as
 * it was. Between the two renames (old aside, new in) a crash leaves the old
 * folder under a temporary name; the next run puts it back before starting.
 * A folder is replaced only if this function made it and it holds nothing
 * else: the marker lists every file written, and a file or folder not on the
 * list (the user's own, `.git`) makes it refuse. A link to a folder is
 * followed: the folder it points to is replaced, and the link stays.
 */
export async function replaceFolder(
  linkOrTarget: string,
  files: ReadonlyArray<{ name: string; data: string | Buffer }>,
  options: { shown?: string; marker: string },
): Promise<void> {
  const shown = options.shown ?? linkOrTarget;
  const target = await followLink(linkOrTarget, shown);
  const parent = dirname(target);
  const name = basename(target);
  const fresh = join(parent, `.${name}.new-${process.pid}`);
  const aside = join(parent, `.${name}.old-${process.pid}`);
  // Level by level: where no folder can be made (/proc), Node's recursive mkdir never returns.
  await makeFolder(parent);
  await recoverInterruptedSwap(parent, name, target).catch((error: NodeJS.ErrnoException) => {
    throw failure(error, shown);
  });
  await refuseForeignFolder(target, shown, files);

  try {
    await rm(fresh, { recursive: true, force: true });
    await mkdir(fresh); // not recursive, for the same reason
    const manifest = [options.marker.trimEnd(), '', MANIFEST_HEADING, ...files.map((file) => file.name).sort(), ''].join('\n');
    const all = [...files, { name: FOLDER_MARKER, data: manifest }];
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

/** A link to a folder is followed, so that the folder it points to gets the new site and the link stays a link. */
async function followLink(target: string, shown: string): Promise<string> {
  const isLink = await lstat(target).then(
    (s) => s.isSymbolicLink(),
    () => false,
  );
  if (!isLink) return target;
  return realpath(target).catch(async (error: NodeJS.ErrnoException) => {
    const points = await readlink(target).catch(() => '?');
    throw new SnippetError(
      `${shown} is a link to ${points}, which ${error.code === 'ENOENT' ? 'does not exist' : `cannot be followed (${error.code ?? error.message})`}`,
      {
        hint: `Make the folder ${points}, point the link at an existing folder, or choose another --out.`,
      },
    );
  });
}

async function refuseForeignFolder(target: string, shown: string, files: ReadonlyArray<{ name: string }>): Promise<void> {
  const entries = await readdir(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    if (error.code === 'ENOTDIR') throw new SnippetError(`${shown} is a file, not a folder`, { hint: 'Choose another --out, or move that file away.' });
    throw failure(error, shown);
  });
  if (entries.length === 0) return;
  if (!entries.includes(FOLDER_MARKER)) {
    throw new SnippetError(`${shown} already has files that snippet did not make, so it is left alone`, {
      hint: `Choose an empty or new folder with --out; snippet replaces the whole folder on every build.`,
    });
  }
  // A marker from before it listed its files: what this build writes stands for what the last one wrote.
  const written = (await builtFiles(join(target, FOLDER_MARKER))) ?? files.map((file) => file.name);
  const foreign = await foreignEntries(target, shown, new Set([...written, FOLDER_MARKER]));
  if (foreign.length === 0) return;
  const named = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : '');
  throw new SnippetError(`${shown} holds files snippet did not write (${named}), so it is left alone`, {
    hint: foreign.includes('.git/')
      ? 'It is a Git repository: build into a folder of its own with --out and copy the files in (docs/website.md, "GitHub Pages").'
      : 'Move them out of that folder, or choose an empty or new folder with --out: snippet replaces the whole folder on every build.',
  });
}

/** The files a marker lists, or undefined for a marker that lists none. */
async function builtFiles(marker: string): Promise<string[] | undefined> {
  const text = await readFile(marker, 'utf8').catch(() => '');
  const lines = text.split('\n');
  const start = lines.indexOf(MANIFEST_HEADING);
  if (start < 0) return undefined;
  return lines.slice(start + 1).filter((line) => line !== '');
}

/** Every entry under `folder` that is not a listed file or a folder holding one: a foreign folder is named once, with a slash. */
async function foreignEntries(folder: string, shown: string, written: ReadonlySet<string>): Promise<string[]> {
  const folders = new Set<string>();
  for (const name of written) for (let up = dirname(name); up !== '.' && up !== '/'; up = dirname(up)) folders.add(up);
  const foreign: string[] = [];
  let seen = 0;
  const walk = async (relativeDir: string): Promise<void> => {
    const entries = await readdir(relativeDir === '' ? folder : join(folder, relativeDir), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      seen += 1;
      if (seen > MAX_ENTRIES)
        throw new SnippetError(`${shown} holds more than ${MAX_ENTRIES} files, far more than snippet writes`, {
          hint: 'Choose an empty or new folder with --out.',
        });
      const path = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (folders.has(path)) await walk(path);
        else foreign.push(`${path}/`);
      } else if (!written.has(path)) foreign.push(path);
    }
  };
  await walk('');
  return foreign;
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
  return new SnippetError(`could not write ${shown} (${writeFailureWhy(error.code, shown)}); the site there is unchanged`, {
    hint: writeFailureHint(error.code, shown),
    cause: error,
  });
}
