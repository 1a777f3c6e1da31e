import { describe, expect, it } from 'vitest';
import { runCli, useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

/** A usage error the CLI finds in --now; the offset in send_at, in process: test/actions/check-every-problem.test.ts. */
describe('impossible time offsets', () => {
  it('--now with +25:00 is a usage error', async () => {
    const result = await runCli(['send', '--due', '--dry-run', '--now', '2027-01-05T09:00+25:00'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\+25:00/u);
  });
});
