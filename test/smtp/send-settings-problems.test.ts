import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/actions/doctor-command.js';
import type { SendOptions } from '../../src/actions/send-command.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { runAction } from '../support/run-action.js';
import { sendAction, sendOptions, sendWorkspace, statusAction } from '../support/send-workspace.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/**
 * `snippet send 2026-12 --yes --early` in this process (rendered in this process: the settings are what is
 * tested), its lines and exit code as the CLI prints and ends with. `--connections 99999`, a usage error
 * commander finds, stays in test/e2e/send-settings-problems.test.ts.
 */
async function setup(members = 3) {
  const ws = await sendWorkspace({ members, sending: 'rate: []\n  connections: 3\n  retry_delay: 50ms\n  max_wait: 5s' });
  const server = await startSmtpServer();
  cleanups.push(ws.remove, server.close);
  const send = (url: string, overrides: Partial<SendOptions> = {}) => sendAction(sendOptions(ws.dir, url, { render: renderInProcess, ...overrides }));
  return { ws, server, send };
}

describe('SMTP settings the user must fix are said at once, with exit 1', () => {
  it('a server without STARTTLS off loopback is a TLS problem at the first connection, not an outage (regression: 13 connections then "server seems down")', async () => {
    const { ws, server, send } = await setup();
    // 0.0.0.0: reached on this computer (Linux connects it to the loopback server), but not a loopback address, so TLS is
    // required. (The IPv4 loopback written as an IPv6 address, ::ffff:127.0.0.1, is loopback now.)
    const run = await send(`smtp://0.0.0.0:${server.port}`);
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(1);
    expect(run.stderr).toMatch(/STARTTLS/u);
    expect(run.stderr).not.toMatch(/seems down/u);
    expect(server.connections()).toBeLessThanOrEqual(3);
    expect(server.messages).toHaveLength(0);
    // The report and status name the same state for them (regression: "deferred 3" beside "not yet tried 3").
    expect(run.stdout).toMatch(/delivered 0, deferred 0, not yet tried 3, failed 0/u);
    const status = JSON.parse((await statusAction(ws.dir, '2026-12')).stdout) as { notYetAttempted: number; deferred: unknown[] };
    expect(status).toMatchObject({ notYetAttempted: 3, deferred: [] });
  });

  it('an unencoded % in the password names SNIPPET_SMTP_URL and says how to write it, in send and doctor (regression: "URI malformed")', async () => {
    const { ws, server, send } = await setup();
    const url = `smtp://user:50%off-Secret@127.0.0.1:${server.port}`;
    const sent = await send(url);
    expect(sent.code, `${sent.stdout}${sent.stderr}`).toBe(1);
    expect(sent.stderr).toMatch(/SNIPPET_SMTP_URL: the password has a "%" that is not followed by two hexadecimal digits/u);
    expect(sent.stderr).toMatch(/%25/u);
    expect(sent.stderr).not.toMatch(/internal error|URI malformed|off-Secret/u);
    const doctor = await runAction((out) =>
      doctorCommand({ dir: ws.dir, smtp: { SNIPPET_SMTP_URL: url }, unsubscribeSecret: sendOptions(ws.dir, url).unsubscribeSecret }, out),
    );
    expect(doctor.stdout).toMatch(/FAIL {2}SMTP settings: SNIPPET_SMTP_URL: the password has a "%"/u);
    expect(`${doctor.stdout}${doctor.stderr}`).not.toMatch(/internal error|URI malformed|off-Secret/u);
  });

  it('a state folder that cannot be written names it and says what to do (regression: internal error)', async () => {
    const { ws, server, send } = await setup();
    // Where the state folder should be there is a file: the folder cannot be made (as a read-only one cannot be written).
    await writeFile(join(ws.dir, '.snippet'), 'not a folder\n');
    const run = await send(server.url);
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(1);
    expect(run.stderr).toMatch(/\.snippet\/\S+: error: the delivery state folder \.snippet\/ cannot be (read|written) \((ENOTDIR|EEXIST)/u);
    expect(run.stderr).toMatch(/hint: /u);
    expect(run.stderr).not.toMatch(/internal error/u);
    expect(server.messages).toHaveLength(0);
  });
});

describe('--connections (regression: --connections 99999 opened 13,793 connections for 41 messages)', () => {
  it('never opens more connections than there are recipients', async () => {
    const { server, send } = await setup(3);
    const run = await send(server.url, { connections: 20 });
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
    expect(deliveries(server.messages).size).toBe(3);
    expect(server.connections()).toBeLessThanOrEqual(3);
    expect(run.stdout).toMatch(/to 3 via .*, 3 connections/u);
  });
});
