import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/workspace.js';

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'snippet-init-'));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

const now = { NO_COLOR: '1' };

describe('snippet init where no folder can be made', () => {
  // Node's recursive mkdir loops for ever on /proc/nope (ENOENT from a folder that exists); init must answer at once.
  it('refuses /proc/nope at once with the reason, instead of spinning', async () => {
    const result = await runCli(['init', '/proc/nope/pmhn'], { cwd: parent, env: now, timeoutMs: 10_000 });
    expect(result.stderr).not.toMatch(/internal error/u);
    expect(result.stderr).toMatch(/cannot create the folder \/proc\/nope/u);
    expect(result.code).toBe(1);
  });
});
