import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { ENV_FILE, PASSWORD_FILE } from '../workspace/new-workspace-files.js';
import type { DoctorCheck } from '../smtp/describe-probe.js';

/**
 * `snippet doctor`'s check of the files that hold secrets: the workspace's
 * environment and password files and SNIPPET_SMTP_PASS_FILE (absolute). Each
 * must be readable by its owner only and, in a git work tree, not tracked
 * (`git add .` in a workspace without .gitignore committed the password).
 */
export async function checkSecretFiles(dir: string, passFile: string | undefined): Promise<DoctorCheck> {
  const candidates = [...new Set([join(dir, ENV_FILE), join(dir, PASSWORD_FILE), ...(passFile ? [passFile] : [])])];
  const shown = (path: string): string => {
    const inside = relative(dir, path);
    return inside.startsWith('..') || isAbsolute(inside) ? path : inside;
  };
  const present: string[] = [];
  const failures: Array<{ detail: string; fix: string }> = [];
  for (const path of candidates) {
    const mode = await stat(path).then((s) => s.mode, () => undefined);
    if (mode === undefined) continue;
    present.push(path);
    if ((mode & 0o077) !== 0) failures.push({ detail: `${shown(path)} is readable by others (mode ${(mode & 0o777).toString(8)})`, fix: `chmod 600 ${shown(path)}` });
  }
  // A tracked file is in git's history even after it is deleted, so the index is asked about every candidate.
  for (const path of await trackedByGit(dir, candidates)) {
    failures.push({ detail: `${shown(path)} is tracked by git`, fix: `git rm --cached ${shown(path)}, add it to .gitignore, and change the secret: it is in the repository's history` });
  }
  if (failures.length > 0) {
    return { name: 'secret files', status: 'fail', detail: failures.map((f) => f.detail).join('; '), fix: failures.map((f) => f.fix).join('; ') };
  }
  if (present.length === 0) return { name: 'secret files', status: 'ok', detail: `no ${ENV_FILE} or ${PASSWORD_FILE} in the workspace` };
  return { name: 'secret files', status: 'ok', detail: `${present.map(shown).join(', ')}: readable by you only, not tracked by git` };
}

/** The candidates git tracks; none when `dir` is not in a git work tree or git is not installed. */
async function trackedByGit(dir: string, candidates: readonly string[]): Promise<string[]> {
  if ((await git(dir, ['rev-parse', '--is-inside-work-tree'])).trim() !== 'true') return [];
  const tracked: string[] = [];
  for (const path of candidates) {
    // One at a time: a path outside the work tree makes git refuse the whole command.
    if ((await git(dir, ['ls-files', '--', path])).trim() !== '') tracked.push(path);
  }
  return tracked;
}

function git(dir: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['-C', dir, ...args], { timeout: 10_000 }, (error, stdout) => resolve(error ? '' : stdout));
  });
}
