import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { processIdentity } from './process-identity.js';

/** Who holds a lock file: enough to tell, on its own host, whether that process still runs. */
export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  /** The holder's boot (Linux's boot id): a lock from before a reboot names no running process. */
  boot?: string;
  /** When the holder process started, in clock ticks since boot: a reused PID has another. */
  started?: string;
  /**
   * Random, one per taking of a lock: the file system may give a new lock file
   * the inode of a removed one, so only this tells a holder's own file from another's.
   */
  token?: string;
}

/** This process as a lock's holder, taking the lock at `since`. */
export async function thisHolder(since: Date): Promise<LockHolder & { token: string }> {
  return { pid: process.pid, host: hostname(), since: since.toISOString(), ...(await processIdentity(process.pid)), token: randomUUID() };
}

/**
 * Why the holder's process is provably gone (this host, and another boot, or
 * no process with that PID and start time); undefined while it may still run,
 * which includes every holder on another host.
 */
export async function holderGone(holder: LockHolder): Promise<string | undefined> {
  if (holder.host !== hostname()) return undefined;
  const current = await processIdentity(holder.pid);
  if (holder.boot && current.boot && holder.boot !== current.boot) return 'its process ran before this machine restarted';
  if (!isRunning(holder.pid)) return 'its process has ended';
  if (holder.started && current.started && holder.started !== current.started) return `process ${holder.pid} is now another program`;
  return undefined;
}

/** Whether two reads of a lock name the same holder (a lock taken over in between names another). */
export function sameHolder(a: LockHolder | undefined, b: LockHolder | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.token !== undefined && b.token !== undefined && a.token !== b.token) return false;
  return a.pid === b.pid && a.since === b.since && a.host === b.host;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
