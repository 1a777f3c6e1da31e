import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWorkspace } from '../support/send-workspace.js';
import { spawnCli } from '../support/spawn-cli.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const SECRET = 'unsubscribe-secret-for-tests-0123456789';

async function setup(members = 3) {
  const ws = await sendWorkspace({ members, sending: 'rate: []\n  connections: 3\n  retry_delay: 50ms\n  max_wait: 5s' });
  const server = await startSmtpServer();
  cleanups.push(ws.remove, server.close);
  return { ws, server };
}

describe('SMTP settings the user must fix are said at once, with exit 1', () => {
  it('a server without STARTTLS off loopback is a TLS problem at the first connection, not an outage (regression: 13 connections then "server seems down")', async () => {
    const { ws, server } = await setup();
    // 0.0.0.0: reached on this computer (Linux connects it to the loopback server), but not a loopback address, so TLS is
    // required. (The IPv4 loopback written as an IPv6 address, ::ffff:127.0.0.1, is loopback now.)
    const url = `smtp://0.0.0.0:${server.port}`;
    const run = await spawnCli(['send', '2026-12', '--yes', '--early'], { cwd: ws.dir, env: { SNIPPET_SMTP_URL: url, SNIPPET_UNSUBSCRIBE_SECRET: SECRET } })
      .done;
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(1);
    expect(run.stderr).toMatch(/STARTTLS/u);
    expect(run.stderr).not.toMatch(/seems down/u);
    expect(server.connections()).toBeLessThanOrEqual(3);
    expect(server.messages).toHaveLength(0);
    // The report and status name the same state for them (regression: "deferred 3" beside "not yet tried 3").
    expect(run.stdout).toMatch(/delivered 0, deferred 0, not yet tried 3, failed 0/u);
    const status = JSON.parse((await spawnCli(['status', '2026-12', '--json'], { cwd: ws.dir }).done).stdout) as {
      notYetAttempted: number;
      deferred: unknown[];
    };
    expect(status).toMatchObject({ notYetAttempted: 3, deferred: [] });
  });

  it('an unencoded % in the password names SNIPPET_SMTP_URL and says how to write it, in send and doctor (regression: "URI malformed")', async () => {
    const { ws, server } = await setup();
    const url = `smtp://user:50%off-Secret@127.0.0.1:${server.port}`;
    const env = { SNIPPET_SMTP_URL: url, SNIPPET_UNSUBSCRIBE_SECRET: SECRET };
    const send = await spawnCli(['send', '2026-12', '--yes', '--early'], { cwd: ws.dir, env }).done;
    expect(send.code, `${send.stdout}${send.stderr}`).toBe(1);
    expect(send.stderr).toMatch(/SNIPPET_SMTP_URL: the password has a "%" that is not followed by two hexadecimal digits/u);
    expect(send.stderr).toMatch(/%25/u);
    expect(send.stderr).not.toMatch(/internal error|URI malformed|off-Secret/u);
    const doctor = await spawnCli(['doctor'], { cwd: ws.dir, env }).done;
    expect(doctor.stdout).toMatch(/FAIL {2}SMTP settings: SNIPPET_SMTP_URL: the password has a "%"/u);
    expect(`${doctor.stdout}${doctor.stderr}`).not.toMatch(/internal error|URI malformed|off-Secret/u);
  });

  it('a state folder that cannot be written names it and says what to do (regression: internal error)', async () => {
    const { ws, server } = await setup();
    // Where the state folder should be there is a file: the folder cannot be made (as a read-only one cannot be written).
    await writeFile(join(ws.dir, '.snippet'), 'not a folder\n');
    const run = await spawnCli(['send', '2026-12', '--yes', '--early'], {
      cwd: ws.dir,
      env: { SNIPPET_SMTP_URL: server.url, SNIPPET_UNSUBSCRIBE_SECRET: SECRET },
    }).done;
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(1);
    expect(run.stderr).toMatch(/\.snippet\/\S+: error: the delivery state folder \.snippet\/ cannot be (read|written) \((ENOTDIR|EEXIST)/u);
    expect(run.stderr).toMatch(/hint: /u);
    expect(run.stderr).not.toMatch(/internal error/u);
    expect(server.messages).toHaveLength(0);
  });
});

describe('--connections (regression: --connections 99999 opened 13,793 connections for 41 messages)', () => {
  it('is bounded like the config, 1 to 20', async () => {
    const { ws, server } = await setup();
    const run = await spawnCli(['send', '2026-12', '--yes', '--early', '--connections', '99999'], {
      cwd: ws.dir,
      env: { SNIPPET_SMTP_URL: server.url, SNIPPET_UNSUBSCRIBE_SECRET: SECRET },
    }).done;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--connections.*"99999" must be a whole number from 1 to 20/u);
    expect(server.connections()).toBe(0);
  });

  it('never opens more connections than there are recipients', async () => {
    const { ws, server } = await setup(3);
    const run = await spawnCli(['send', '2026-12', '--yes', '--early', '--connections', '20'], {
      cwd: ws.dir,
      env: { SNIPPET_SMTP_URL: server.url, SNIPPET_UNSUBSCRIBE_SECRET: SECRET },
    }).done;
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
    expect(deliveries(server.messages).size).toBe(3);
    expect(server.connections()).toBeLessThanOrEqual(3);
    expect(run.stdout).toMatch(/to 3 via .*, 3 connections/u);
  });
});
