import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initCommand } from '../../src/actions/init-command.js';
import { runAction } from '../support/run-action.js';

const git = (cwd: string, ...args: string[]) => promisify(execFile)('git', args, { cwd, timeout: 10_000, env: { PATH: process.env.PATH ?? '', HOME: cwd } });

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'snippet-init-'));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

const now = { NO_COLOR: '1' };

/** `snippet init DIR` from `cwd`, in this process. */
const snippet = ([, dir]: string[], options: { cwd: string; env?: object }) =>
  runAction((out) => initCommand({ dir: join(options.cwd, dir!), shown: dir!, now: new Date() }, out));

describe('snippet init and git', () => {
  it('git check-ignore: the secret files, the state folder, out/ and outboxes of a fresh workspace are ignored', async () => {
    expect((await snippet(['init', 'pmhn'], { cwd: parent, env: now })).code).toBe(0);
    const ws = join(parent, 'pmhn');
    await git(ws, 'init', '-q');
    const paths = [
      'snippet.env',
      'smtp-password',
      '.snippet/ledger/2026-12.jsonl',
      '.snippet/send.lock',
      'out/2026-12/email.html',
      'outbox/a@example.org.eml',
      'outbox-test/a@example.org.eml',
    ];
    const { stdout } = await git(ws, 'check-ignore', ...paths);
    expect(stdout.trim().split('\n')).toEqual(paths);
    // …and what the coordinator must commit is not.
    await expect(git(ws, 'check-ignore', 'snippet.config.yaml', 'contacts/organisations.yaml', 'issues/2026-12.md')).rejects.toThrow();
  });
});
