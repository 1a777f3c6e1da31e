import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SnippetError } from '../errors.js';
import { diskFull, isDiskFull } from './disk-full.js';

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  // mkdir under a folder that exists gives ENOENT only where the system makes no folders, e.g. /proc.
  ENOENT: 'no folder can be made there',
};

/**
 * Makes `dir` and its missing parents one level at a time. Node's
 * mkdir({ recursive: true }) never returns for a path such as /proc/nope:
 * ENOENT from a parent that exists makes it try again for ever. Level by
 * level, the first failure is the answer.
 */
export async function makeFolder(dir: string): Promise<void> {
  const target = resolve(dir);
  if ((await stat(target).catch(() => undefined))?.isDirectory() === false) {
    throw new SnippetError(`cannot create the folder ${target}: a file of that name is there`, { hint: 'Give another name, or move the file away.' });
  }
  const missing: string[] = [];
  for (let path = target; !(await exists(path)); path = dirname(path)) {
    missing.unshift(path);
    if (dirname(path) === path) break;
  }
  for (const level of missing) {
    try {
      await mkdir(level);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') continue;
      if (isDiskFull(code)) {
        const full = diskFull(dirname(level));
        throw new SnippetError(`cannot create the folder ${level}: ${full.why}`, { hint: full.hint });
      }
      throw new SnippetError(`cannot create the folder ${level}: ${WHY[code] ?? code}`, {
        hint: 'Give a folder you may write to, e.g. one in your home folder.',
      });
    }
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
