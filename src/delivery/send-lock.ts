import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { SnippetError } from '../errors.js';
import { formatZoned } from '../time/zoned-time.js';

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  command: string;
}

export interface SendLock {
  release(): Promise<void>;
}

/**
 * One send per workspace at a time. The lock file appears atomically (a
 * hard link of a complete temporary file), so it is never seen half-written.
 * A lock whose process is gone (on this host) is taken over under a second,
 * short-lived lock, re-checking that it is still the same dead holder, so
 * two runs that both found it dead cannot both end up holding it.
 */
export async function acquireSendLock(path: string, command: string, timeZone = 'UTC', now: Date = new Date()): Promise<SendLock> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const me: LockHolder = { pid: process.pid, host: hostname(), since: now.toISOString(), command };
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(me)}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(temporary, path);
        return { release: () => releaseLock(path) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readHolder(path);
      if (holder && isAlive(holder)) {
        throw new SnippetError(`another send is running: ${describeHolder(holder, timeZone)}`, {
          kind: 'tempfail',
          hint: 'Wait for it to finish; cron will try again. If no such process exists, the lock is taken over automatically.',
        });
      }
      await removeDeadLock(path, temporary, holder);
    }
    throw new SnippetError('could not take the send lock', { kind: 'tempfail', hint: 'Another run keeps taking it; try again.' });
  } finally {
    await rm(temporary, { force: true });
  }
}

async function removeDeadLock(path: string, temporary: string, dead: LockHolder | undefined): Promise<void> {
  const takeover = `${path}.takeover`;
  try {
    await link(temporary, takeover);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Someone else is taking over; a takeover lock is held for milliseconds, so an old one is abandoned.
    const age = await stat(takeover).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > 10_000) await rm(takeover, { force: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    return;
  }
  try {
    const current = await readHolder(path);
    const same = current === undefined ? dead === undefined : dead !== undefined && current.pid === dead.pid && current.since === dead.since && current.host === dead.host;
    if (same) await rm(path, { force: true });
  } finally {
    await rm(takeover, { force: true });
  }
}

async function releaseLock(path: string): Promise<void> {
  const holder = await readHolder(path);
  if (holder?.pid === process.pid && holder.host === hostname()) await rm(path, { force: true });
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as LockHolder;
    return typeof value.pid === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockHolder): boolean {
  // A lock from another host cannot be checked; it is respected.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder as a person reads it: the time it started in the workspace's zone. */
export function describeHolder(holder: LockHolder, timeZone: string): string {
  const since = new Date(holder.since);
  const started = Number.isNaN(since.getTime()) ? holder.since : `${formatZoned(since, timeZone)} ${timeZone}`;
  return `process ${holder.pid} on ${holder.host}, started ${started} (${holder.command})`;
}
