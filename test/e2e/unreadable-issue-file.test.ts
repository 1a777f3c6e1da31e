import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';

let ws: SampleWorkspace;
beforeEach(async () => {
  ws = await sampleWorkspace();
  await symlink('/nonexistent', join(ws.dir, 'issues', '2027-01.md'));
});
afterEach(async () => {
  await ws.remove();
});

describe('one unreadable issue file hides every other problem', () => {
  it('check reports the link and the mistyped time zone together', async () => {
    await ws.write('snippet.config.yaml', (await ws.read('snippet.config.yaml')).replace(/^time_zone: .*$/mu, 'time_zone: Europe/Glasgo'));
    const result = await runCli(['check'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(1);
    expect(result.stderr + result.stdout).toMatch(/issues\/2027-01\.md.*a link to \/nonexistent, which does not exist/u);
    expect(result.stderr + result.stdout).toMatch(/snippet\.config\.yaml:\d+: error: time_zone/u);
  });

  it('send --due still plans the approved issue that is due', async () => {
    await ws.write('issues/2026-12.md', (await ws.read('issues/2026-12.md')).replace(/^status: .*$/mu, 'status: approved'));
    const result = await runCli(['send', '--due', '--now', '2026-12-01T09:05', '--dry-run'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.stderr).not.toMatch(/internal error/u);
    expect(result.stdout + result.stderr).toMatch(/2026-12/u);
    expect(result.code).toBe(0);
  });
});
