import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';

let ws: SampleWorkspace;
beforeEach(async () => {
  ws = await sampleWorkspace();
  await symlink(join(ws.dir, 'drafts', 'january.md'), join(ws.dir, 'issues', '2027-01.md'));
});
afterEach(async () => {
  await ws.remove();
});

describe('a dangling symlink at issues/2027-01.md', () => {
  // spotlight goes on without the file (a warning); send --due reaches it once its month's time has passed.
  it.each([[['check']], [['new']], [['spotlight']], [['send', '--due', '--dry-run', '--now', '2027-01-05T09:05']]])('%j names the file and the missing target, not an internal error', async (args) => {
    const result = await runCli(args, { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.stderr).not.toMatch(/internal error|Cannot read properties/u);
    expect(result.code).toBe(args[0] === 'spotlight' ? 0 : 1);
    expect(result.stderr).toMatch(args[0] === 'spotlight' ? /issues\/2027-01\.md has errors/u : /issues\/2027-01\.md.*a link to .*drafts\/january\.md, which does not exist/u);
    if (args[0] !== 'spotlight') expect(result.stderr).toMatch(/hint: Remove the link or point it at the file/u);
  });
});

describe('spotlight --months', () => {
  it('refuses --months 100000 at once as a usage error', async () => {
    const result = await runCli(['spotlight', '--months', '100000'], { cwd: ws.dir, env: { NO_COLOR: '1' }, timeoutMs: 10_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--months .*at most 120/u);
  });
});
