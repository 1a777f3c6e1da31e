import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/spawn-cli.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

describe('snippet reads snippet.env itself', () => {
  it('takes the settings from a file saved on Windows (BOM, CRLF, export), with no shell to load it', async () => {
    await ws.write('snippet.env', '\uFEFF# sending\r\nexport SNIPPET_SMTP_URL=smtp://jo@127.0.0.1:2525\r\nSNIPPET_SMTP_PASS=pass-from-env-file-99\r\n');
    const { code, stdout } = await spawnCli(['send', '2026-11', '--dry-run'], { cwd: ws.dir }).done;
    expect(code).toBe(0);
    expect(stdout).toMatch(/transport {7}smtp:\/\/jo@127\.0\.0\.1:2525, /u);
    expect(stdout).not.toContain('pass-from-env-file-99');
  });

  it('lets the environment win over the file', async () => {
    await ws.write('snippet.env', 'SNIPPET_SMTP_URL=smtp://jo@127.0.0.1:2525\nSNIPPET_SMTP_PASS=pass-from-env-file-99\n');
    const { stdout } = await spawnCli(['send', '2026-11', '--dry-run'], {
      cwd: ws.dir,
      env: { SNIPPET_SMTP_URL: 'smtp://ann@127.0.0.1:2600', SNIPPET_SMTP_PASS: 'pass-from-environment' },
    }).done;
    expect(stdout).toMatch(/transport {7}smtp:\/\/ann@127\.0\.0\.1:2600, /u);
  });

  it('stops on a line it cannot read, naming the file and the line', async () => {
    await ws.write('snippet.env', 'SNIPPET_SMTP_URL=smtp://jo@127.0.0.1:2525\nSNIPPET_SMTP_PASS secret-without-equals\n');
    const { code, stdout, stderr } = await spawnCli(['status'], { cwd: ws.dir }).done;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      [
        'snippet.env:2: error: "SNIPPET_SMTP_PASS secret-without-equals" is not a KEY=VALUE line',
        '  hint: Write one setting a line, e.g. SNIPPET_SMTP_USER=snippet@nhs.scot (a line starting with # is a comment).',
        'error: snippet.env has lines that cannot be read, so nothing was done',
        '  hint: snippet.env holds KEY=VALUE lines (`export` in front is allowed).',
        '',
      ].join('\n'),
    );
  });
});
