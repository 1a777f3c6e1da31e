import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/workspace.js';
import { tempDirPerTest } from '../support/temp-dir.js';

const temp = tempDirPerTest('snippet-not-a-workspace-');

/**
 * The built CLI checks --dir before any command reads or writes; every other command, in process with the same
 * check: test/cli/not-a-workspace.test.ts.
 */
describe('a folder that is not a workspace', () => {
  it('a mistyped --dir does not create typo/contacts/suppressions.csv nor confirm an unsubscribe', async () => {
    const result = await runCli(['--dir', 'typo', 'contacts', 'unsubscribe', 'aileen@example.org'], { cwd: temp.dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/will not be mailed/u);
    expect(result.stderr).toMatch(/typo is not a snippet workspace: it has no snippet\.config\.yaml/u);
    expect(result.stderr).toMatch(/snippet init/u);
    expect(existsSync(join(temp.dir, 'typo'))).toBe(false);
  });
});
