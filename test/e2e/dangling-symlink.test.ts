import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';

/** A usage error commander finds, with its exit code; the dangling symlink itself: test/actions/dangling-symlink.test.ts. */
let ws: SampleWorkspace;
beforeEach(async () => {
  ws = await sampleWorkspace();
});
afterEach(async () => {
  await ws.remove();
});

describe('spotlight --months', () => {
  it('refuses --months 100000 at once as a usage error', async () => {
    const result = await runCli(['spotlight', '--months', '100000'], { cwd: ws.dir, env: { NO_COLOR: '1' }, timeoutMs: 10_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--months .*at most 120/u);
  });
});
