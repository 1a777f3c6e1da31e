import { afterEach, describe, expect, it } from 'vitest';
import { sendWorkspace } from '../support/send-workspace.js';
import { spawnCli, type RunningCli } from '../support/spawn-cli.js';
import { deliveries, startSmtpServer, type Stage } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const CONNECTIONS = 2;
const SECRET = 'unsubscribe-secret-for-tests-0123456789';

/**
 * Where a sending process is killed with SIGKILL: at a stage of the Nth SMTP
 * transaction as the server sees it, or after a delay from its start (which
 * lands anywhere: start-up, ledger writes, rendering).
 */
const KILL_POINTS: Array<{ name: string; stage?: Stage; count?: number; afterMs?: number }> = [
  { name: 'at the first connection', stage: 'connect', count: 1 },
  { name: 'at the first MAIL FROM', stage: 'mail', count: 1 },
  { name: 'at RCPT TO of the 3rd message', stage: 'rcpt', count: 3 },
  { name: 'with the 5th message received, before the reply', stage: 'data-end', count: 5 },
  { name: 'right after replying to the 7th message', stage: 'replied', count: 7 },
  { name: 'at MAIL FROM of the 12th message', stage: 'mail', count: 12 },
  { name: 'with the 18th message received, before the reply', stage: 'data-end', count: 18 },
  { name: 'right after replying to the 25th message', stage: 'replied', count: 25 },
  { name: '150 ms after start', afterMs: 150 },
  { name: '450 ms after start', afterMs: 450 },
];

describe('send survives SIGKILL at any point', () => {
  it.each(KILL_POINTS)('killed $name and resumed: no duplicates, nobody missed, in doubt listed', async (point) => {
    const ws = await sendWorkspace({ members: 30, sending: `rate: []\n  connections: ${CONNECTIONS}\n  retry_delay: 50ms\n  max_wait: 5s` });
    cleanups.push(ws.remove);
    // Filled in once the child is spawned; the server's hook kills it.
    const sender: { running?: RunningCli } = {};
    let killed = false;
    const kill = (): void => {
      if (!killed && sender.running) {
        killed = true;
        sender.running.child.kill('SIGKILL');
      }
    };
    const server = await startSmtpServer({
      hook: (stage, count) => {
        if (point.stage === stage && point.count === count && !killed) {
          kill();
          return 'hold';
        }
      },
    });
    cleanups.push(server.close);
    const env = { SNIPPET_SMTP_URL: server.url, SNIPPET_UNSUBSCRIBE_SECRET: SECRET };

    sender.running = spawnCli(['send', '2026-12', '--yes'], { cwd: ws.dir, env });
    if (point.afterMs !== undefined) setTimeout(kill, point.afterMs);
    const first = await sender.running.done;
    if (killed) expect(first.signal).toBe('SIGKILL');
    if (point.stage !== undefined) expect(killed).toBe(true);

    const resumed = await spawnCli(['send', '2026-12', '--yes'], { cwd: ws.dir, env }).done;
    const status = await spawnCli(['status', '2026-12', '--json'], { cwd: ws.dir, env }).done;
    const report = JSON.parse(status.stdout) as { delivered: number; inDoubt: Array<{ email: string }>; failed: unknown[]; deferred: unknown[]; notYetAttempted: number };

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
    for (const address of inDoubt) expect(`${resumed.stdout}${resumed.stderr}`).toContain(`in doubt: ${address}`);
    expect(resumed.code).toBe(inDoubt.size > 0 ? 1 : 0);
  });
});

describe('one send per workspace', () => {
  it('a second run exits 75 naming the holder, and a dead holder\'s lock is taken over', async () => {
    const ws = await sendWorkspace({ members: 12, sending: 'rate: []\n  connections: 1\n  retry_delay: 50ms\n  max_wait: 5s' });
    cleanups.push(ws.remove);
    let second: Promise<{ code: number | null; stdout: string; stderr: string }> | undefined;
    const env: Record<string, string> = { SNIPPET_UNSUBSCRIBE_SECRET: SECRET };
    const server = await startSmtpServer({
      hook: (stage, count) => {
        // The first run holds the lock, its third message held by the server until the second run has ended.
        if (stage === 'mail' && count === 3) {
          second = spawnCli(['send', '2026-12', '--yes'], { cwd: ws.dir, env }).done;
          return second.then(() => undefined);
        }
      },
    });
    cleanups.push(server.close);
    env.SNIPPET_SMTP_URL = server.url;
    const firstRun = spawnCli(['send', '2026-12', '--yes'], { cwd: ws.dir, env });
    const first = await firstRun.done;
    const other = await second!;
    expect(first.code).toBe(0);
    expect(other.code, `${other.stdout}${other.stderr}`).toBe(75);
    expect(other.stderr).toMatch(new RegExp(`another send is running: process ${firstRun.child.pid} on `, 'u'));
    expect(deliveries(server.messages).size).toBe(12);

    // A lock left by a process that no longer exists is taken over.
    const dead = spawnCli(['--version'], { cwd: ws.dir });
    await dead.done;
    await ws.write('.snippet/send.lock', `${JSON.stringify({ pid: dead.child.pid, host: (await import('node:os')).hostname(), since: '2026-12-01T09:00:00.000Z', command: 'send 2026-12' })}\n`);
    await ws.write('contacts/members.csv', `${await ws.read('contacts/members.csv')}late@example.org,Late Member,aberlour,members\n`);
    const takeover = await spawnCli(['send', '2026-12', '--yes'], { cwd: ws.dir, env }).done;
    expect(takeover.code).toBe(0);
    expect(deliveries(server.messages).get('late@example.org')).toBe(1);
  });
});
