import { readdirSync, readFileSync } from 'node:fs';

/** A process's state letter and start time (fields 3 and 22 of /proc/PID/stat), or undefined when there is none of that id. */
export function processOf(pid: number): { state: string; start: string } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { state: fields[0]!, start: fields[19]! };
  } catch {
    return undefined;
  }
}

/**
 * Whether the process that started at `start` is still there and not dead: a
 * zombie has exited and waits only for init to collect it, and one whose open
 * files are all closed is on its way there (the kernel closes them a moment
 * before it is a zombie; a live Node process always has some open).
 */
export function stillRunning(pid: number, start: string | undefined): boolean {
  const now = processOf(pid);
  if (now === undefined || now.start !== start || now.state === 'Z' || now.state === 'X') return false;
  try {
    return readdirSync(`/proc/${pid}/fd`).length > 0;
  } catch {
    return false;
  }
}

/** Whether `gone` (a process's end, however the test sees it) resolves within `ms`. */
export async function goneWithin(gone: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([gone.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
