import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/workspace.js';

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'snippet-not-a-workspace-'));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

/**
 * The built CLI checks --dir before any command reads or writes; every other command, in process with the same
 * check: test/cli/not-a-workspace.test.ts.
 */
describe('a folder that is not a workspace', () => {
  it('a mistyped --dir does not create typo/contacts/suppressions.csv nor confirm an unsubscribe', async () => {
    const result = await runCli(['--dir', 'typo', 'contacts', 'unsubscribe', 'aileen@example.org'], { cwd: parent, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/will not be mailed/u);
    expect(result.stderr).toMatch(/typo is not a snippet workspace: it has no snippet\.config\.yaml/u);
    expect(result.stderr).toMatch(/snippet init/u);
    expect(existsSync(join(parent, 'typo'))).toBe(false);
  });
});
