import { readFile } from 'node:fs/promises';

export interface ProcessIdentity {
  /** This boot of the machine (Linux's boot id). */
  boot?: string;
  /** When the process started, in clock ticks since boot (field 22 of /proc/PID/stat). */
  started?: string;
}

/**
 * What tells a process apart from a later one given the same PID: the boot it
 * runs in and its start time. Empty where /proc does not say (not Linux, or
 * the process is gone), and then a lock falls back on the PID and its age.
 */
export async function processIdentity(pid: number): Promise<ProcessIdentity> {
  const [boot, stat] = await Promise.all([readText('/proc/sys/kernel/random/boot_id'), readText(`/proc/${pid}/stat`)]);
  const started = stat === undefined ? undefined : startTime(stat);
  return { ...(boot ? { boot } : {}), ...(started ? { started } : {}) };
}

/** Pure: the start time from a /proc/PID/stat line; the command name may hold spaces and parentheses. */
export function startTime(stat: string): string | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields count from 1 and the first two (pid, comm) are cut off: field 22 is at index 19.
  const value = fields[19];
  return value !== undefined && /^\d+$/u.test(value) ? value : undefined;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return undefined;
  }
}
