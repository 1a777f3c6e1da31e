import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { SnippetError } from '../errors.js';
import { holderGone, sameHolder, thisHolder, type LockHolder as Holder } from './lock-holder.js';

export interface FileLockOptions {
  /** How long to wait for another change to finish. */
  waitMs?: number;
}

/** How a lock is named in messages: `contacts` gives "the contacts lock" and "the contacts are being changed". */
export interface FileLockName {
  /** e.g. "contacts lock" */
  lock: string;
  /** e.g. "the contacts are being changed" */
  busy: string;
}

/**
 * Runs `work` holding the lock file `path`, so that two changes of the same
 * files never both read the old file and the last write wins: `work` must
 * read the files it changes after the lock is taken. Changes take milliseconds, so a
 * held lock is waited for (bounded) rather than refused; a lock left by a
 * process that is provably gone (on this host: another boot, or no process
 * with that PID and start time, as for the send lock) is taken over.
 */
export async function withFileLock<T>(path: string, name: FileLockName, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    throw folderProblem(dirname(path), name, error);
  });
  const me = await thisHolder(new Date());
  let delay = 10;
  for (;;) {
    if (await create(path, me, name)) break;
    if (await isFolder(path)) {
      const shown = `${basename(dirname(path))}/${basename(path)}`;
      throw new SnippetError(`cannot take the ${name.lock}: ${shown} is a folder, not a file`, {
        hint: `Remove the folder ${shown} (snippet makes the lock file itself while it changes these files), then run the command again.`,
      });
    }
    const holder = await readHolder(path);
    // A lock with no readable holder after a few seconds was left by a run killed while creating it.
    const abandoned = holder === undefined ? (await ageOf(path)) > 5_000 : (await holderGone(holder)) !== undefined;
    if (abandoned) await takeOver(path, holder, me, name);
    else if (Date.now() >= deadline) {
      throw new SnippetError(`${name.busy} by another run${holder ? ` (process ${holder.pid} on ${holder.host}, since ${holder.since})` : ''}`, {
        kind: 'tempfail',
        hint: `Try again in a moment. If no such run exists, delete ${path}.`,
      });
    } else {
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 200);
    }
  }
  try {
    return await work();
  } finally {
    const holder = await readHolder(path);
    if (sameHolder(holder, me)) await rm(path, { force: true });
  }
}

/** The lock's folder (the state folder, `.snippet/`) cannot be made: the user's to fix, never an internal error. */
function folderProblem(folder: string, lock: FileLockName, error: NodeJS.ErrnoException): SnippetError {
  const name = basename(folder);
  if (error.code === 'EEXIST' || error.code === 'ENOTDIR') {
    return new SnippetError(`cannot take the ${lock.lock}: ${name} is a file, not a folder`, {
      hint: `Move the file ${name} away (snippet keeps its state in a folder of that name), then run the command again.`,
      cause: error,
    });
  }
  return new SnippetError(`cannot take the ${lock.lock}: the folder ${name} cannot be made (${error.code ?? error.message})`, {
    hint: 'Check that the workspace folder is writable by this user.',
    cause: error,
  });
}

/** Creates the lock file if there is none; a reader that finds it still empty waits and reads again. */
async function create(path: string, me: Holder, name: FileLockName): Promise<boolean> {
  const handle = await open(path, 'wx', 0o600).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST') return undefined;
    throw new SnippetError(`cannot take the ${name.lock} ${path} (${error.code ?? error.message})`, {
      hint: 'Check that the workspace folder is writable.',
      cause: error,
    });
  });
  if (handle === undefined) return false;
  try {
    await handle.writeFile(`${JSON.stringify(me)}\n`);
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Removes a dead holder's lock under a short-lived second lock, re-reading it
 * there, so that two runs which both found it dead cannot remove each other's
 * new lock. An abandoned second lock (older than a few seconds) is cleared.
 */
async function takeOver(path: string, dead: Holder | undefined, me: Holder, name: FileLockName): Promise<void> {
  const takeover = `${path}.takeover`;
  if (!(await create(takeover, me, name))) {
    if ((await ageOf(takeover)) > 5_000) await rm(takeover, { force: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    return;
  }
  try {
    const current = await readHolder(path);
    const same = current === undefined ? dead === undefined && (await ageOf(path)) > 5_000 : sameHolder(current, dead);
    if (same) await rm(path, { force: true });
  } finally {
    await rm(takeover, { force: true });
  }
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function ageOf(path: string): Promise<number> {
  return stat(path).then(
    (s) => Date.now() - s.mtimeMs,
    () => 0,
  );
}

async function readHolder(path: string): Promise<Holder | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Holder;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? value : undefined;
  } catch {
    // Missing, or being written this instant: treated as held, and read again on the next turn.
    return undefined;
  }
}
