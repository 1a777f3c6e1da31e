import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, STACK } from '../support/workspace.js';

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'snippet-not-a-workspace-'));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});


describe('a folder that is not a workspace', () => {
  it('a mistyped --dir does not create typo/contacts/suppressions.csv nor confirm an unsubscribe', async () => {
    const result = await runCli(['--dir', 'typo', 'contacts', 'unsubscribe', 'aileen@example.org'], { cwd: parent, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/will not be mailed/u);
    expect(result.stderr).toMatch(/typo is not a snippet workspace: it has no snippet\.config\.yaml/u);
    expect(result.stderr).toMatch(/snippet init/u);
    expect(existsSync(join(parent, 'typo'))).toBe(false);
  });

  it('a mistyped --dir does not import contacts into it', async () => {
    const result = await runCli(['--dir', 'typo', 'contacts', 'import', 'nothing.csv'], { cwd: parent, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not a snippet workspace/u);
    expect(existsSync(join(parent, 'typo'))).toBe(false);
  });

  it('is an error for every other command, and leaves an existing empty folder empty', async () => {
    const empty = join(parent, 'empty');
    await mkdir(empty);
    const commands = [
      ['check'], ['build'], ['new'], ['spotlight'], ['status'], ['doctor'], ['send', '--due'], ['send', '2026-12', '--dry-run'],
      ['contacts', 'check'], ['contacts', 'list'], ['contacts', 'unsubscribe', 'a@example.org'], ['preview', '--port', '0'], ['unsubscribe-server', '--port', '0'],
    ];
    for (const args of commands) {
      const result = await runCli(['--dir', empty, ...args], { cwd: parent, env: { NO_COLOR: '1', SNIPPET_UNSUBSCRIBE_SECRET: 'x'.repeat(40) }, timeoutMs: 20_000 });
      expect({ args, code: result.code }).toEqual({ args, code: 1 });
      expect(result.stderr).toMatch(/not a snippet workspace: it has no snippet\.config\.yaml/u);
      expect(result.stderr).not.toMatch(STACK);
    }
    expect(await readdir(empty)).toEqual([]);
  });
});
