import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/actions/doctor-command.js';
import { collectOutput } from '../support/collect-output.js';
import { sendWorkspace } from '../support/send-workspace.js';

const git = (cwd: string, ...args: string[]) => promisify(execFile)('git', args, { cwd, timeout: 10_000, env: { PATH: process.env.PATH ?? '', HOME: cwd } });

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function workspace() {
  const ws = await sendWorkspace({ members: 1 });
  cleanups.push(ws.remove);
  return ws;
}

/** doctor with no SMTP settings: the secret-file check does not depend on the server. */
async function doctor(dir: string, passFile?: string) {
  const out = collectOutput();
  const result = await doctorCommand({ dir, smtp: {}, unsubscribeSecret: 'unsubscribe-secret-for-tests-0123456789', ...(passFile ? { passFile } : {}) }, out);
  const line = out.lines.find((l) => l.slice(6).startsWith('secret files:')) ?? '(no secret files line)';
  return { ...result, line, output: out.text() };
}

describe('snippet doctor: files holding secrets', () => {
  it('passes private, untracked secret files', async () => {
    const ws = await workspace();
    await writeFile(join(ws.dir, 'snippet.env'), 'export SNIPPET_SMTP_PASS_FILE=./smtp-password\n', { mode: 0o600 });
    await writeFile(join(ws.dir, 'smtp-password'), 'hunter2-secret\n', { mode: 0o600 });
    await writeFile(join(ws.dir, '.gitignore'), 'snippet.env\nsmtp-password\n');
    await git(ws.dir, 'init', '-q');
    const result = await doctor(ws.dir);
    expect(result.line).toMatch(/^ok {4}secret files: snippet\.env, smtp-password: readable by you only, not tracked by git$/u);
  });

  it('warns about a secret file git does not ignore, which the next `git add .` would commit', async () => {
    const ws = await workspace();
    await writeFile(join(ws.dir, 'smtp-password'), 'hunter2-secret\n', { mode: 0o600 });
    await git(ws.dir, 'init', '-q');
    const result = await doctor(ws.dir);
    expect(result.line).toMatch(/^warn {2}secret files: smtp-password is not ignored by git/u);
    expect(result.output).toMatch(/fix: .*add smtp-password to \.gitignore/u);
    expect(result.checks.find((c) => c.name === 'secret files')?.status).toBe('warn');
  });

  it('fails a password that was committed once and is no longer tracked: it is in the history', async () => {
    const ws = await workspace();
    const passFile = join(ws.dir, 'smtp-password');
    await writeFile(passFile, 'hunter2-secret\n', { mode: 0o600 });
    await git(ws.dir, 'init', '-q');
    await git(ws.dir, 'add', '-f', 'smtp-password');
    await git(ws.dir, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'add');
    await git(ws.dir, 'rm', '-q', '--cached', 'smtp-password');
    await git(ws.dir, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'remove');
    const result = await doctor(ws.dir, passFile);
    expect(result.line).toMatch(/^FAIL {2}secret files: smtp-password is in git's history \(commit [0-9a-f]+\)/u);
    expect(result.output).toMatch(/fix: .*change the secret/u);
    expect(result.output).not.toContain('hunter2-secret');
    expect(result.exitCode).toBe(1);
  });

  it('fails a world-readable smtp-password, saying chmod 600', async () => {
    const ws = await workspace();
    await writeFile(join(ws.dir, 'smtp-password'), 'hunter2-secret\n');
    await chmod(join(ws.dir, 'smtp-password'), 0o644);
    const result = await doctor(ws.dir);
    expect(result.line).toMatch(/^FAIL {2}secret files: smtp-password is readable by others/u);
    expect(result.output).toMatch(/fix: .*chmod 600 .*smtp-password/u);
    expect(result.output).not.toContain('hunter2-secret');
    expect(result.exitCode).toBe(1);
  });

  it('fails a snippet.env tracked by git, even when private', async () => {
    const ws = await workspace();
    await writeFile(join(ws.dir, 'snippet.env'), "export SNIPPET_SMTP_URL='smtp://u:hunter2@127.0.0.1:2525'\n", { mode: 0o600 });
    await git(ws.dir, 'init', '-q');
    await git(ws.dir, 'add', '-f', 'snippet.env');
    const result = await doctor(ws.dir);
    expect(result.line).toMatch(/^FAIL {2}secret files: snippet\.env is tracked by git/u);
    expect(result.output).toMatch(/fix: .*git rm --cached snippet\.env/u);
    expect(result.exitCode).toBe(1);
  });

  it('checks SNIPPET_SMTP_PASS_FILE wherever it is', async () => {
    const ws = await workspace();
    const elsewhere = await mkdtemp(join(tmpdir(), 'snippet-secret-'));
    cleanups.push(() => rm(elsewhere, { recursive: true, force: true }));
    const file = join(elsewhere, 'password');
    await writeFile(file, 'hunter2-secret\n');
    await chmod(file, 0o640);
    const result = await doctor(ws.dir, file);
    expect(result.line).toMatch(new RegExp(`^FAIL {2}secret files: ${file.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')} is readable by others`, 'u'));
    expect(result.exitCode).toBe(1);
  });
});
