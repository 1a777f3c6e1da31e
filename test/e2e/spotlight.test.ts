import { describe, expect, it } from 'vitest';
import { runCli, useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

const env = { NO_COLOR: '1' };

describe('snippet spotlight, as the process ends', () => {
  it('exits 2 on a bad --months', async () => {
    const result = await runCli(['spotlight', '--months', '0'], { cwd: ws.dir, env });
    expect(result.code).toBe(2);
  });
});
