import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withContactsLock } from '../../src/contacts/contacts-lock.js';

let dir: string;
let lock: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snippet-lock-'));
  lock = join(dir, '.snippet', 'contacts.lock');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('withContactsLock', () => {
  it('runs changes one at a time, each seeing the one before', async () => {
    const file = join(dir, 'counter');
    await writeFile(file, '0');
    const bump = () =>
      withContactsLock(lock, async () => {
        const value = Number(await readFile(file, 'utf8'));
        await new Promise((resolve) => setTimeout(resolve, 5));
        await writeFile(file, String(value + 1));
      });
    await Promise.all(Array.from({ length: 10 }, bump));
    expect(await readFile(file, 'utf8')).toBe('10');
    await expect(readFile(lock)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock left by a process that is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await withContactsLock(lock, async () => undefined);
    await writeFile(lock, JSON.stringify({ pid: gone, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
    await expect(withContactsLock(lock, async () => 'ran', { waitMs: 2_000 })).resolves.toBe('ran');
  });

  it('takes over a lock naming a live PID that is now another process (regression: a reused PID held the contacts for good)', async () => {
    await withContactsLock(lock, async () => undefined);
    // This test's own process is alive, but it started at another time than the lock says.
    const boot = (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim();
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z', boot, started: '1' }));
    await expect(withContactsLock(lock, async () => 'ran', { waitMs: 2_000 })).resolves.toBe('ran');
  });

  it('takes over a lock from before the machine restarted', async () => {
    await withContactsLock(lock, async () => undefined);
    await writeFile(
      lock,
      JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z', boot: '00000000-0000-0000-0000-000000000000' }),
    );
    await expect(withContactsLock(lock, async () => 'ran', { waitMs: 2_000 })).resolves.toBe('ran');
  });

  it('names its holder by boot and process start time as well as PID', async () => {
    const seen = await withContactsLock(lock, async () => JSON.parse(await readFile(lock, 'utf8')) as Record<string, unknown>);
    expect(seen).toMatchObject({
      pid: process.pid,
      host: hostname(),
      boot: expect.stringMatching(/^[0-9a-f-]{36}$/u),
      started: expect.stringMatching(/^\d+$/u),
    });
  });

  it('waits a bounded time for a live holder, then says who holds it (exit 75)', async () => {
    await withContactsLock(lock, async () => undefined);
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
    await expect(withContactsLock(lock, async () => 'ran', { waitMs: 200 })).rejects.toMatchObject({
      kind: 'tempfail',
      message: expect.stringMatching(/being changed by another run \(process \d+/u),
    });
  });
});
