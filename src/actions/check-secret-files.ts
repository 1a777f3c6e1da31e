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
    const mode = await stat(path).then(
      (s) => s.mode,
      () => undefined,
    );
    if (mode === undefined) continue;
    present.push(path);
    if ((mode & 0o077) !== 0)
      failures.push({ detail: `${shown(path)} is readable by others (mode ${(mode & 0o777).toString(8)})`, fix: `chmod 600 ${shown(path)}` });
  }
  const inGit = await gitStatusOf(dir, candidates, new Set(present));
  for (const path of inGit.tracked) {
    failures.push({
      detail: `${shown(path)} is tracked by git`,
      fix: `git rm --cached ${shown(path)}, add it to .gitignore, and change the secret: it is in the repository's history`,
    });
  }
  for (const { path, commit } of inGit.inHistory) {
    failures.push({
      detail: `${shown(path)} is in git's history (commit ${commit})`,
      fix: `change the secret: anyone with a copy of the repository can read it there; add ${shown(path)} to .gitignore`,
    });
  }
  if (failures.length > 0) {
    return { name: 'secret files', status: 'fail', detail: failures.map((f) => f.detail).join('; '), fix: failures.map((f) => f.fix).join('; ') };
  }
  if (inGit.notIgnored.length > 0) {
    const names = inGit.notIgnored.map(shown).join(', ');
    return {
      name: 'secret files',
      status: 'warn',
      detail: `${names} ${inGit.notIgnored.length === 1 ? 'is' : 'are'} not ignored by git, so \`git add .\` would commit ${inGit.notIgnored.length === 1 ? 'it' : 'them'}`,
      fix: `add ${names} to .gitignore`,
    };
  }
  if (present.length === 0) return { name: 'secret files', status: 'ok', detail: `no ${ENV_FILE} or ${PASSWORD_FILE} in the workspace` };
  return { name: 'secret files', status: 'ok', detail: `${present.map(shown).join(', ')}: readable by you only, not tracked by git` };
}

interface GitStatus {
  tracked: string[];
  /** Not tracked now, but in a commit: the secret has leaked whatever the work tree says. */
  inHistory: Array<{ path: string; commit: string }>;
  /** Present on disk, neither tracked nor ignored. */
  notIgnored: string[];
}

/** Where git stands on each candidate; nothing when `dir` is not in a git work tree or git is not installed. */
async function gitStatusOf(dir: string, candidates: readonly string[], present: ReadonlySet<string>): Promise<GitStatus> {
  const status: GitStatus = { tracked: [], inHistory: [], notIgnored: [] };
  if ((await git(dir, ['rev-parse', '--is-inside-work-tree'])).stdout.trim() !== 'true') return status;
  for (const path of candidates) {
    // One at a time: a path outside the work tree makes git refuse the whole command.
    if ((await git(dir, ['ls-files', '--', path])).stdout.trim() !== '') {
      status.tracked.push(path);
      continue;
    }
    const commit = (await git(dir, ['log', '--all', '--format=%h', '-1', '--', path])).stdout.trim();
    if (commit !== '') status.inHistory.push({ path, commit });
    // check-ignore exits 1 for a path it does not ignore, 128 for one outside the work tree.
    else if (present.has(path) && (await git(dir, ['check-ignore', '-q', '--', path])).code === 1) status.notIgnored.push(path);
  }
  return status;
}

function git(dir: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('git', ['-C', dir, ...args], { timeout: 10_000 }, (error, stdout) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout: error ? '' : stdout });
    });
  });
}
