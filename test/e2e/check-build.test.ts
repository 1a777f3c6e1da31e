import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK, useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

describe('snippet (CLI basics)', () => {
  it('prints its version and help', async () => {
    const version = await runCli(['--version'], { cwd: ws.dir });
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/u) });
    const help = await runCli(['--help'], { cwd: ws.dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/check \[issue\]/u);
    expect(help.stdout).toMatch(/--dir <dir>/u);
  });

  it('exits 2 on usage errors', async () => {
    expect((await runCli(['frobnicate'], { cwd: ws.dir })).code).toBe(2);
    const badIssue = await runCli(['check', 'December'], { cwd: ws.dir });
    expect(badIssue.code).toBe(2);
    expect(badIssue.stderr).toMatch(/write the month as YYYY-MM/u);
    // Both servers take --port through the same check.
    expect((await runCli(['unsubscribe-server', '--port', '70000'], { cwd: ws.dir })).code).toBe(2);
    expect((await runCli(['preview', '--port', '70000'], { cwd: ws.dir })).code).toBe(2);
  });
});

describe('snippet check, as the process ends', () => {
  it('checks the latest issue by default and honours --dir', async () => {
    const result = await runCli(['check', '--dir', ws.dir], { cwd: '/' });
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^2026-12: ok/mu) });
  });

  it('explains a missing workspace', async () => {
    const result = await runCli(['check', '--dir', join(ws.dir, 'nowhere')], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nowhere is not a snippet workspace: it has no snippet\.config\.yaml/u);
    expect(result.stderr).not.toMatch(STACK);
  });

  it('colours only when asked and never with NO_COLOR', async () => {
    await ws.write('issues/2026-12.md', (await ws.read('issues/2026-12.md')).replace(/^spotlight: .*$/mu, 'spotlight: nobody'));
    const coloured = await runCli(['check'], { cwd: ws.dir, env: { FORCE_COLOR: '1' } });
    expect(coloured.stderr).toContain('\u001b[');
    const plain = await runCli(['check'], { cwd: ws.dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(plain.stderr).not.toContain('\u001b[');
  });
});

describe('a workspace laid out wrongly gets a clear answer, not an internal error', () => {
  it('--dir pointing at a file is a usage error', async () => {
    const result = await runCli(['check', '--dir', 'snippet.config.yaml'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--dir snippet\.config\.yaml is not a folder/u);
  });
});
