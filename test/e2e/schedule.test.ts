import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/spawn-cli.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();
const run = (...args: string[]) => spawnCli(['schedule', ...args], { cwd: ws.dir }).done;

describe('snippet schedule, as typed', () => {
  it('prints the crontab line on stdout and when it runs on stderr', async () => {
    const { code, stdout, stderr } = await run('cron', '--at', '09:00');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`# snippet send --due for ${ws.dir} (snippet schedule cron)`);
    expect(lines[1]).toMatch(
      new RegExp(`^0 (8|9) \\* \\* \\* cd '${ws.dir}' && '.+' '.+/dist/bin/snippet\\.js' send --due >> '${ws.dir}/\\.snippet/schedule\\.log' 2>&1$`, 'u'),
    );
    expect(stderr).toMatch(
      /^runs daily at 09:00 Europe\/London \((08|09):00 on this computer’s clock, UTC\)\.\nAdd it with `snippet schedule cron --install`/u,
    );
  });

  it('says an hourly target ignores --at', async () => {
    const { code, stderr } = await run('windows', '--at', '09:00');
    expect(code).toBe(0);
    expect(stderr).toContain('note: windows runs every hour, so --at is ignored; each run sends what is due by then.');
  });

  it('refuses a wrong target, time or mix of options with exit 2 and what to write', async () => {
    const target = await run('outlook');
    expect(target.code).toBe(2);
    expect(target.stderr).toContain('"outlook" is not a target; choose cron, systemd, windows or github.');
    const at = await run('cron', '--at', '9am');
    expect(at.code).toBe(2);
    expect(at.stderr).toContain('--at "9am" is not a time');
    const both = await run('cron', '--install', '--remove');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--install and --remove cannot be used together');
    expect(`${target.stdout}${at.stdout}${both.stdout}`).toBe('');
  });
});
