import { describe, expect, it } from 'vitest';
import { runCli, useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

describe('impossible time offsets', () => {
  it('send_at: 2027-01-05T09:00+25:00 is an error at its line, and send --due will not call it due', async () => {
    const issue = await ws.read('issues/2026-12.md');
    await ws.write('issues/2026-12.md', issue.replace('send_at: 2026-12-01T09:00', 'send_at: 2026-12-01T09:00+25:00'));
    const check = await runCli(['check', '2026-12'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^issues\/2026-12\.md:7: error: send_at: .*\+25:00.*-14:00 to \+14:00/mu);
    const due = await runCli(['send', '--due', '--dry-run', '--now', '2026-12-02T09:00'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(due.stdout + due.stderr).not.toMatch(/due since/u);
    expect(due.code).toBe(1);
  });

  it('--now with +25:00 is a usage error', async () => {
    const result = await runCli(['send', '--due', '--dry-run', '--now', '2027-01-05T09:00+25:00'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\+25:00/u);
  });
});
