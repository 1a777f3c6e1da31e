import { mkdir, readFile, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
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
const HOUR = 3_600_000;

async function setup() {
  const ws = await sendWorkspace({ members: 3, sending: 'rate: []\n  connections: 1\n  retry_delay: 50ms\n  max_wait: 5s' });
  const server = await startSmtpServer();
  cleanups.push(ws.remove, server.close);
  const env = { SNIPPET_SMTP_URL: server.url, SNIPPET_UNSUBSCRIBE_SECRET: SECRET };
  const lock = join(ws.dir, '.snippet/send.lock');
  /** Leaves a lock behind, last touched `ageMs` ago. */
  const leaveLock = async (holder: Record<string, unknown>, ageMs = 0): Promise<void> => {
    await mkdir(join(ws.dir, '.snippet'), { recursive: true });
    await ws.write('.snippet/send.lock', `${JSON.stringify({ since: '2026-11-01T09:00:00.000Z', command: 'send 2026-12', ...holder })}\n`);
    const at = new Date(Date.now() - ageMs);
    await utimes(lock, at, at);
  };
  const send = () => spawnCli(['send', '2026-12', '--yes', '--early'], { cwd: ws.dir, env }).done;
  return { ws, server, env, leaveLock, send };
}

const bootId = async (): Promise<string> => (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();

describe('a stale send lock is taken over (regression: a stale lock blocked sending for good)', () => {
  it('takes over a lock naming a live PID that is now another process (a reused PID)', async () => {
    const { server, leaveLock, send } = await setup();
    // This test's own process is alive, but it started at another time than the lock says.
    await leaveLock({ pid: process.pid, host: hostname(), boot: await bootId(), started: '1' });
    const run = await send();
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
    expect(deliveries(server.messages).size).toBe(3);
  });

  it('takes over a lock from before the machine restarted', async () => {
    const { server, leaveLock, send } = await setup();
    await leaveLock({ pid: process.pid, host: hostname(), boot: '00000000-0000-0000-0000-000000000000' });
    const run = await send();
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
    expect(deliveries(server.messages).size).toBe(3);
  });

  it('takes over a lock from another host (a recreated container) once it has been silent too long, but not before', async () => {
    const { server, leaveLock, send } = await setup();
    await leaveLock({ pid: 4242, host: 'old-container-7f3a' });
    const fresh = await send();
    expect(fresh.code).toBe(75);
    expect(fresh.stderr).toContain('another send is running: process 4242 on old-container-7f3a');
    expect(server.messages).toHaveLength(0);

    await leaveLock({ pid: 4242, host: 'old-container-7f3a' }, HOUR);
    const run = await send();
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
    expect(deliveries(server.messages).size).toBe(3);
  });

  it('takes over a lock without start time naming a live PID once it has been silent too long', async () => {
    const { server, leaveLock, send } = await setup();
    await leaveLock({ pid: process.pid, host: hostname() }, HOUR);
    const run = await send();
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
    expect(deliveries(server.messages).size).toBe(3);
  });

  it('doctor shows a lock, its holder and its age', async () => {
    const { ws, env, leaveLock } = await setup();
    await leaveLock({ pid: 4242, host: 'old-container-7f3a' }, 2 * HOUR);
    const doctor = await spawnCli(['doctor'], { cwd: ws.dir, env }).done;
    expect(doctor.stdout).toMatch(
      /send lock: held by process 4242 on old-container-7f3a, started 2026-11-01 09:00 Europe\/London \(send 2026-12\), last refreshed 120 min ago; not refreshed for 120 min, so the next send takes it over/u,
    );
    await leaveLock({ pid: 4242, host: 'old-container-7f3a' }, 10_000);
    const held = await spawnCli(['doctor'], { cwd: ws.dir, env }).done;
    expect(held.stdout).toMatch(/send lock: held by process 4242 on old-container-7f3a, .*last refreshed 1\d s ago; a send is running/u);
  });
});
