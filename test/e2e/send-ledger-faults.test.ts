import { spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sendAction, sendOptions, sendWorkspace, statusAction } from '../support/send-workspace.js';
import { spawnCli } from '../support/spawn-cli.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';
import { CLI } from '../support/workspace.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const SECRET = 'unsubscribe-secret-for-tests-0123456789';

interface StatusJson {
  delivered: number;
  inDoubt: Array<{ email: string }>;
  notYetAttempted: number;
}

/** The built CLI under a file size limit (`ulimit -f`, in KiB), as a shell would start it. */
function sendUnderFileLimit(kib: number, cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('bash', ['-c', `ulimit -f ${kib} && exec "$0" "$@"`, process.execPath, CLI, 'send', '2026-12', '--yes', '--early'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `snippet status 2026-12 --json`, in this process: it reads what the runs before it left on disk. */
async function status(dir: string): Promise<StatusJson> {
  return JSON.parse((await statusAction(dir, '2026-12')).stdout) as StatusJson;
}

/** `snippet send 2026-12 --yes --early` without a fault, in this process: the run after the faulty one. */
function sendAgain(dir: string, smtpUrl: string) {
  return sendAction(sendOptions(dir, smtpUrl, { unsubscribeSecret: SECRET }));
}

describe('the ledger failing under a send', () => {
  // Several limits, so the write is cut at different places in a line.
  it.each([3, 4, 5])(
    'a ledger write cut short by `ulimit -f %i` loses nobody and the report tells what the ledger holds (regression: partly failed write)',
    async (kib) => {
      const ws = await sendWorkspace({ members: 40, sending: 'rate: []\n  connections: 3\n  retry_delay: 50ms\n  max_wait: 5s' });
      cleanups.push(ws.remove);
      const server = await startSmtpServer();
      cleanups.push(server.close);
      const env = { SNIPPET_SMTP_URL: server.url, SNIPPET_UNSUBSCRIBE_SECRET: SECRET };

      const first = await sendUnderFileLimit(kib, ws.dir, env);
      expect(first.code, `${first.stdout}${first.stderr}`).toBe(1);
      // The run's report agrees with the ledger it leaves.
      const after = await status(ws.dir);
      const reportedInDoubt = [...first.stdout.matchAll(/ {2}in doubt: (\S+):/gu)].map((m) => m[1]);
      expect(new Set(reportedInDoubt)).toEqual(new Set(after.inDoubt.map((d) => d.email)));
      const delivered = Number(/delivered (\d+),/u.exec(first.stdout)?.[1]);
      expect(delivered).toBe(after.delivered);
      expect(first.stderr, first.stderr).toMatch(/the delivery ledger in \.snippet\/ledger\/ could not be written \(the file size limit was reached/u);

      // Two more runs without the limit (in process: the limit is what needed one): everyone has it exactly once,
      // or is in doubt because the server may have it.
      await sendAgain(ws.dir, server.url);
      await sendAgain(ws.dir, server.url);
      const received = deliveries(server.messages);
      for (const [address, count] of received) expect(count, address).toBe(1);
      const final = await status(ws.dir);
      for (const { email } of final.inDoubt) expect(received.has(email), `${email} is in doubt but was never sent`).toBe(true);
      for (const address of ws.addresses) expect(received.has(address), address).toBe(true);
      expect(final.notYetAttempted).toBe(0);
    },
  );

  it('a ledger deleted during a send stops it with a clear error, and the next run mails nobody twice (regression: deleted ledger)', async () => {
    const ws = await sendWorkspace({ members: 30, sending: 'rate: []\n  connections: 2\n  retry_delay: 50ms\n  max_wait: 5s' });
    cleanups.push(ws.remove);
    const ledger = join(ws.dir, '.snippet/ledger/2026-12.jsonl');
    // How many messages the server had when the ledger was gone (the other connection goes on meanwhile).
    let atRemoval = Infinity;
    const server = await startSmtpServer({
      hook: (stage, count) => {
        if (stage === 'mail' && count === 6) return rm(ledger).then(() => void (atRemoval = server.messages.length));
      },
    });
    cleanups.push(server.close);
    const env = { SNIPPET_SMTP_URL: server.url, SNIPPET_UNSUBSCRIBE_SECRET: SECRET };

    const first = await spawnCli(['send', '2026-12', '--yes', '--early'], { cwd: ws.dir, env }).done;
    expect(first.code, `${first.stdout}${first.stderr}`).toBe(1);
    expect(first.stderr).toContain('the delivery ledger .snippet/ledger/2026-12.jsonl was deleted or replaced while sending');
    // Stopped before sending more: at most the transaction under way on each of the 2 connections finishes.
    expect(server.messages.length).toBeLessThanOrEqual(atRemoval + 2);
    expect(await readFile(ledger, 'utf8')).toContain('"type":"attempt"');

    const second = await sendAgain(ws.dir, server.url);
    expect(second.code).not.toBe(75);
    const received = deliveries(server.messages);
    for (const [address, count] of received) expect(count, address).toBe(1);
    const final = await status(ws.dir);
    for (const address of ws.addresses) expect(received.has(address) || final.inDoubt.some((d) => d.email === address), address).toBe(true);
  });

  it('send --due gives the ledger\'s own advice when it is deleted during a send, as send ISSUE does (regression: the generic "run the same command again")', async () => {
    const ws = await sendWorkspace({ members: 20, sending: 'rate: []\n  connections: 1\n  retry_delay: 50ms\n  max_wait: 5s' });
    cleanups.push(ws.remove);
    const ledger = join(ws.dir, '.snippet/ledger/2026-12.jsonl');
    const server = await startSmtpServer({
      hook: (stage, count) => {
        if (stage === 'mail' && count === 4) return rm(ledger);
      },
    });
    cleanups.push(server.close);
    const env = { SNIPPET_SMTP_URL: server.url, SNIPPET_UNSUBSCRIBE_SECRET: SECRET };

    const run = await spawnCli(['send', '--due', '--now', '2026-12-01T09:15'], { cwd: ws.dir, env }).done;
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(1);
    expect(run.stderr).toContain('the delivery ledger .snippet/ledger/2026-12.jsonl was deleted or replaced while sending; nothing more was sent.');
    expect(run.stderr).toContain('put the original back before sending again, or members may be mailed twice');
    expect(run.stderr).not.toContain('run the same command again once it is fixed');
  });
});
