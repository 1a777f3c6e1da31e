import { afterEach, describe, expect, it } from 'vitest';
import { sendWorkspace } from '../support/send-workspace.js';
import { spawnCli } from '../support/spawn-cli.js';
import { startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const SECRET = 'unsubscribe-secret-for-tests-0123456789';

/** A usage error commander finds, with its exit code; the other SMTP settings problems: test/smtp/send-settings-problems.test.ts. */
describe('--connections (regression: --connections 99999 opened 13,793 connections for 41 messages)', () => {
  it('is bounded like the config, 1 to 20', async () => {
    const ws = await sendWorkspace({ members: 3 });
    const server = await startSmtpServer();
    cleanups.push(ws.remove, server.close);
    const run = await spawnCli(['send', '2026-12', '--yes', '--early', '--connections', '99999'], {
      cwd: ws.dir,
      env: { SNIPPET_SMTP_URL: server.url, SNIPPET_UNSUBSCRIBE_SECRET: SECRET },
    }).done;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--connections.*"99999" must be a whole number from 1 to 20/u);
    expect(server.connections()).toBe(0);
  });
});
