import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { SnippetError } from '../errors.js';
import { fileStampNow } from '../fs/file-stamp.js';
import { holderGone, sameHolder, thisHolder, type LockHolder as Holder } from '../fs/lock-holder.js';
import { formatZoned } from '../time/zoned-time.js';
import { stateFolderProblem } from './state-folder-problem.js';
import { STATE_DIR } from './state-paths.js';

export interface LockHolder extends Holder {
  command: string;
}

export interface SendLock {
  /**
   * Throws when the lock is no longer this run's (taken over, or removed):
   * nothing more may be sent. Made on this thread (a stat, and a read only
   * when the file changed): a send makes it with every ledger write.
   */
  check(): void;
  release(): Promise<void>;
}

/** How often a holder touches its lock to show it is alive. */
export const LOCK_REFRESH_MS = 30_000;
/**
 * A lock not touched for this long is abandoned: its holder is frozen, gone
 * or on a machine that no longer exists. Far longer than any step of a send
 * (a silent server is given up on after 2 minutes), and the refresh runs on a
 * timer, so a live run is never this late.
 */
export const LOCK_STALE_MS = 5 * 60_000;

export interface LockState {
  holder: LockHolder | undefined;
  /** Since the lock was last touched by its holder. */
  silentMs: number;
  /** Why the lock may be taken over; undefined while its holder may still be sending. */
  abandoned: string | undefined;
}

export interface LockOptions {
  now?: Date;
  /** The workspace's zone, for the holder's start time in messages. */
  timeZone?: string;
  refreshMs?: number;
  staleMs?: number;
}

/**
 * One send per workspace at a time. The lock file appears atomically (a
 * hard link of a complete temporary file), so it is never seen half-written.
 * It names its holder by host, boot, PID and the process's start time, and
 * carries a random token by which the holder knows its own file (a new lock
 * file may get a removed one's inode); the holder touches it every 30 s. A lock is taken over when its holder is
 * provably gone (this host, and another boot, or no process with that PID
 * and start time) or silent for longer than LOCK_STALE_MS, under a second,
 * short-lived lock, re-checking that it is still the same abandoned lock, so
 * two runs that both found it abandoned cannot both end up holding it.
 */
export async function acquireSendLock(path: string, command: string, options: LockOptions = {}): Promise<SendLock> {
  const me = { ...(await thisHolder(options.now ?? new Date())), command };
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(temporary, `${JSON.stringify(me)}\n`, { mode: 0o600 });
  } catch (error) {
    throw stateFolderProblem(error, `${STATE_DIR}/${basename(path)}`, 'written') ?? error;
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(temporary, path);
        return heldLock(path, me.token, options.refreshMs ?? LOCK_REFRESH_MS);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const state = await inspectSendLock(path, options.staleMs);
      if (state?.holder && !state.abandoned) {
        throw new SnippetError(`another send is running: ${describeHolder(state.holder, options.timeZone)}`, {
          kind: 'tempfail',
          hint: `Wait for it to finish; cron will try again. A lock whose process is gone, or that has not been refreshed for ${LOCK_STALE_MS / 60_000} minutes, is taken over automatically.`,
        });
      }
      if (state) await removeAbandonedLock(path, temporary, state, options.staleMs);
    }
    throw new SnippetError('could not take the send lock', { kind: 'tempfail', hint: 'Another run keeps taking it; try again.' });
  } finally {
    await rm(temporary, { force: true });
  }
}

/** The lock at `path` and whether it may be taken over; undefined when there is none. */
export async function inspectSendLock(path: string, staleMs = LOCK_STALE_MS, now = Date.now()): Promise<LockState | undefined> {
  const touched = await stat(path).then(
    (s) => {
      if (s.isDirectory())
        throw new SnippetError(`the send lock ${STATE_DIR}/${basename(path)} is a folder, not a file`, {
          hint: `Remove the folder ${STATE_DIR}/${basename(path)} (snippet makes the lock file itself while a send runs), then run the command again.`,
        });
      return s.mtimeMs;
    },
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );
  if (touched === undefined) return undefined;
  const holder = await readHolder(path);
  const silentMs = Math.max(0, now - touched);
  return { holder, silentMs, abandoned: await whyAbandoned(holder, silentMs, staleMs) };
}

async function whyAbandoned(holder: LockHolder | undefined, silentMs: number, staleMs: number): Promise<string | undefined> {
  if (silentMs > staleMs) return `not refreshed for ${Math.round(silentMs / 60_000)} min`;
  // A lock appears whole, never half-written, so an unreadable one is damage, not a run starting.
  if (!holder) return 'the lock file cannot be read';
  return holderGone(holder);
}

function heldLock(path: string, token: string, refreshMs: number): SendLock {
  // The file's token, not its inode: a lock removed and made again by another run may get the same inode.
  // The file is read only when its stat changed since it was last read and found ours (a new file, or
  // one written again, has a new change time, to the nanosecond), and at least once a second.
  let known: { stamp: string; at: number } | undefined;
  const check = (): void => {
    const stamp = fileStampNow(path);
    const now = Date.now();
    if (stamp !== undefined && known?.stamp === stamp && now - known.at < REREAD_MS) return;
    known = undefined;
    if (readHolderNow(path)?.token === token) {
      if (stamp !== undefined) known = { stamp, at: now };
      return;
    }
    throw new SnippetError('the send lock was taken over or removed while sending', {
      hint: 'Another run may be sending this issue now, so this one stopped. Nothing is lost: its ledger says who has the issue; run `snippet status` to see.',
    });
  };
  const ours = (): boolean => {
    try {
      check();
      return true;
    } catch {
      return false;
    }
  };
  const refresh = setInterval(() => {
    const now = new Date();
    if (ours()) utimes(path, now, now).catch(() => undefined);
  }, refreshMs);
  refresh.unref();
  return {
    check,
    release: async () => {
      clearInterval(refresh);
      if (ours()) await rm(path, { force: true });
    },
  };
}

/** The longest a held lock goes unread while its stat stays the same. */
const REREAD_MS = 1_000;

async function removeAbandonedLock(path: string, temporary: string, abandoned: LockState, staleMs: number | undefined): Promise<void> {
  const takeover = `${path}.takeover`;
  try {
    await link(temporary, takeover);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Someone else is taking over; a takeover lock is held for milliseconds, so an old one is abandoned.
    const age = await stat(takeover).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > 10_000) await rm(takeover, { force: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    return;
  }
  try {
    // Still the same holder, and still abandoned (a live holder may have touched it since)?
    const current = await inspectSendLock(path, staleMs);
    if (current?.abandoned && sameHolder(current.holder, abandoned.holder)) await rm(path, { force: true });
  } finally {
    await rm(takeover, { force: true });
  }
}

function readHolderNow(path: string): LockHolder | undefined {
  try {
    return holderOf(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function holderOf(text: string): LockHolder | undefined {
  const value = JSON.parse(text) as LockHolder;
  return typeof value.pid === 'number' ? value : undefined;
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    return holderOf(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The holder as a person reads it: the time it started in the workspace's zone. */
export function describeHolder(holder: LockHolder, timeZone = 'UTC'): string {
  const since = new Date(holder.since);
  const started = Number.isNaN(since.getTime()) ? holder.since : `${formatZoned(since, timeZone)} ${timeZone}`;
  return `process ${holder.pid} on ${holder.host}, started ${started} (${holder.command})`;
}
