import { describe, expect, it } from 'vitest';
import { runCli, useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

const env = { NO_COLOR: '1' };

describe('snippet new, as the process ends', () => {
  it('exits 2 on a malformed month', async () => {
    const result = await runCli(['new', '2027-13'], { cwd: ws.dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/write the month as YYYY-MM/u);
  });
});
