import { watch } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sendAction, sendOptions, sendWorkspace, statusAction } from '../support/send-workspace.js';
import { spawnCli, type RunningCli } from '../support/spawn-cli.js';
import { deliveries, startSmtpServer, type Stage } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const CONNECTIONS = 2;
const SECRET = 'unsubscribe-secret-for-tests-0123456789';

/**
 * Where a sending process is killed with SIGKILL, each on an event so that
 * the kill always lands at the same stage: a stage of the Nth SMTP
 * transaction as the server sees it (the server holds it there until the
 * process is dead), or, before any SMTP, the moment the send lock appears or
 * the "sending" line is printed, with every connection held until the kill
 * so that nothing can be sent first.
 */
interface KillPoint {
  name: string;
  stage?: Stage;
  count?: number;
  before?: 'lock' | 'sending-line';
  /** Messages the server has taken when the kill lands: at least, at most. */
  received: [number, number];
}
const KILL_POINTS: KillPoint[] = [
  { name: 'when the send lock appears', before: 'lock', received: [0, 0] },
  { name: 'when the "sending" line is printed', before: 'sending-line', received: [0, 0] },
  { name: 'at the first connection', stage: 'connect', count: 1, received: [0, 0] },
  { name: 'at the first MAIL FROM', stage: 'mail', count: 1, received: [0, 0] },
  { name: 'at RCPT TO of the 3rd message', stage: 'rcpt', count: 3, received: [2 - (CONNECTIONS - 1), 2] },
  { name: 'with the 5th message received, before the reply', stage: 'data-end', count: 5, received: [5, 5] },
  { name: 'right after replying to the 7th message', stage: 'replied', count: 7, received: [7, 7 + CONNECTIONS - 1] },
  { name: 'at MAIL FROM of the 12th message', stage: 'mail', count: 12, received: [11 - (CONNECTIONS - 1), 11] },
  { name: 'with the 18th message received, before the reply', stage: 'data-end', count: 18, received: [18, 18] },
  { name: 'right after replying to the 25th message', stage: 'replied', count: 25, received: [25, 25 + CONNECTIONS - 1] },
];

describe('send survives SIGKILL at any point', () => {
  it.each(KILL_POINTS)('killed $name and resumed: no duplicates, nobody missed, in doubt listed', async (point) => {
    const ws = await sendWorkspace({ members: 30, sending: `rate: []\n  connections: ${CONNECTIONS}\n  retry_delay: 50ms\n  max_wait: 5s` });
    cleanups.push(ws.remove);
    // Filled in once the child is spawned; the kill point's event kills it.
    const sender: { running?: RunningCli } = {};
    let receivedAtKill: number | undefined;
    const kill = (): void => {
      if (receivedAtKill === undefined && sender.running) {
        receivedAtKill = server.messages.length;
        sender.running.child.kill('SIGKILL');
      }
    };
    const server = await startSmtpServer({
      hook: (stage, count) => {
        if (receivedAtKill !== undefined) return;
        if (point.stage === stage && point.count === count) {
          kill();
          return 'hold';
        }
        // Before SMTP: no connection gets a greeting until the process is dead.
        if (point.before !== undefined && stage === 'connect') return 'hold';
      },
    });
    cleanups.push(server.close);
    const env = { SNIPPET_SMTP_URL: server.url, SNIPPET_UNSUBSCRIBE_SECRET: SECRET };
    const stateDir = join(ws.dir, '.snippet');
    if (point.before === 'lock') {
      await mkdir(stateDir, { mode: 0o700 });
      const watcher = watch(stateDir, (_event, name) => {
        if (name === 'send.lock') kill();
      });
      cleanups.push(async () => watcher.close());
    }

    sender.running = spawnCli(['send', '2026-12', '--yes', '--early'], { cwd: ws.dir, env });
    if (point.before === 'sending-line') {
      let printed = '';
      sender.running.child.stdout!.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        // Log lines start with their time.
        if (/^\S+ sending 2026-12 to 30 /mu.test(printed)) kill();
      });
    }
    const first = await sender.running.done;
    // Every kill point is reached, and the process died of the kill, not of anything else.
    expect(receivedAtKill, `${first.stdout}${first.stderr}`).toBeDefined();
    expect(first.signal).toBe('SIGKILL');
    expect(receivedAtKill).toBeGreaterThanOrEqual(point.received[0]);
    expect(receivedAtKill).toBeLessThanOrEqual(point.received[1]);
    if (point.before === 'lock') {
      // The dead process's lock is left behind, for the next run to take over.
      expect(JSON.parse(await readFile(join(stateDir, 'send.lock'), 'utf8'))).toMatchObject({ pid: sender.running.child.pid });
    }
    if (point.before === 'sending-line') {
      // The run is recorded, and nothing was attempted.
      const ledger = (await readFile(join(stateDir, 'ledger', '2026-12.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string });
      expect(ledger.map((e) => e.type)).toEqual(['run']);
    }

    // Resumed in this process, as `snippet send 2026-12 --yes --early` resumes it: what needs the process
    // boundary is the kill; the resume reads what the dead process left on disk (its lock, its ledger).
    const resumed = await sendAction(sendOptions(ws.dir, server.url, { unsubscribeSecret: SECRET }));
    const status = await statusAction(ws.dir, '2026-12');
    const report = JSON.parse(status.stdout) as {
      delivered: number;
      inDoubt: Array<{ email: string }>;
      failed: unknown[];
      deferred: unknown[];
      notYetAttempted: number;
    };

    const received = deliveries(server.messages);
    // Nothing twice.
    for (const [address, count] of received) expect(count, address).toBe(1);
    // Nothing lost: everyone is delivered, or in doubt and listed.
    const inDoubt = new Set(report.inDoubt.map((d) => d.email));
    for (const address of ws.addresses) expect(received.has(address) || inDoubt.has(address), address).toBe(true);
    expect(report.delivered + inDoubt.size).toBe(30);
    expect(report.failed).toHaveLength(0);
    expect(report.deferred).toHaveLength(0);
    expect(report.notYetAttempted).toBe(0);
    // At most one message per connection can be caught in flight.
    expect(inDoubt.size).toBeLessThanOrEqual(CONNECTIONS);
    // A message the server had taken when the sender died is in doubt, never resent.
    if (point.stage === 'data-end') expect(inDoubt.size).toBeGreaterThanOrEqual(1);
    // Killed before any attempt was recorded: nobody can be in doubt.
    if (point.before !== undefined) expect(inDoubt.size).toBe(0);
    for (const address of inDoubt) expect(`${resumed.stdout}${resumed.stderr}`).toContain(`in doubt: ${address}`);
    expect(resumed.code, `${resumed.stdout}${resumed.stderr}`).toBe(inDoubt.size > 0 ? 1 : 0);
  });
});

describe('one send per workspace', () => {
  it("a second run exits 75 naming the holder, and a dead holder's lock is taken over", async () => {
    const ws = await sendWorkspace({ members: 12, sending: 'rate: []\n  connections: 1\n  retry_delay: 50ms\n  max_wait: 5s' });
    cleanups.push(ws.remove);
    let second: Promise<{ code: number; stdout: string; stderr: string }> | undefined;
    const env: Record<string, string> = { SNIPPET_UNSUBSCRIBE_SECRET: SECRET };
    const server = await startSmtpServer({
      hook: (stage, count) => {
        // The first run (a process) holds the lock, its third message held by the server until the second run
        // (in this process: what it meets is the other process's lock) has ended.
        if (stage === 'mail' && count === 3) {
          second = sendAction(sendOptions(ws.dir, server.url, { unsubscribeSecret: SECRET }));
          return second.then(() => undefined);
        }
      },
    });
    cleanups.push(server.close);
    env.SNIPPET_SMTP_URL = server.url;
    const firstRun = spawnCli(['send', '2026-12', '--yes', '--early'], { cwd: ws.dir, env });
    const first = await firstRun.done;
    const other = await second!;
    expect(first.code).toBe(0);
    expect(other.code, `${other.stdout}${other.stderr}`).toBe(75);
    expect(other.stderr).toMatch(new RegExp(`another send is running: process ${firstRun.child.pid} on `, 'u'));
    // A person reads the time the holder started in the workspace's zone (regression: an ISO time in UTC).
    expect(other.stderr).toMatch(/, started \d{4}-\d\d-\d\d \d\d:\d\d Europe\/London \(send 2026-12\)/u);
    expect(deliveries(server.messages).size).toBe(12);

    // A lock left by a process that no longer exists is taken over.
    const dead = spawnCli(['--version'], { cwd: ws.dir });
    await dead.done;
    await ws.write(
      '.snippet/send.lock',
      `${JSON.stringify({ pid: dead.child.pid, host: (await import('node:os')).hostname(), since: '2026-12-01T09:00:00.000Z', command: 'send 2026-12' })}\n`,
    );
    await ws.write('contacts/members.csv', `${await ws.read('contacts/members.csv')}late@example.org,Late Member,aberlour,members\n`);
    const takeover = await sendAction(sendOptions(ws.dir, server.url, { unsubscribeSecret: SECRET }));
    expect(takeover.code).toBe(0);
    expect(deliveries(server.messages).get('late@example.org')).toBe(1);
  });
});
