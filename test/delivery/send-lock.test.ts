import { watch } from 'node:fs';
import { link, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTime } from '../../src/fs/process-identity.js';
import { acquireSendLock, inspectSendLock } from '../../src/delivery/send-lock.js';
import { tempDirPerTest } from '../support/temp-dir.js';

const temp = tempDirPerTest('snippet-lock-');

describe('the send lock', () => {
  it('names its holder by boot and process start time as well as PID', async () => {
    const path = join(temp.dir, 'send.lock');
    const lock = await acquireSendLock(path, 'send 2026-12');
    const state = await inspectSendLock(path);
    expect(state?.holder).toMatchObject({
      pid: process.pid,
      host: hostname(),
      command: 'send 2026-12',
      boot: expect.stringMatching(/^[0-9a-f-]{36}$/u),
      started: expect.stringMatching(/^\d+$/u),
    });
    expect(state?.abandoned).toBeUndefined();
    await lock.release();
    expect(await inspectSendLock(path)).toBeUndefined();
  });

  it('is refreshed while held', async () => {
    const path = join(temp.dir, 'send.lock');
    const lock = await acquireSendLock(path, 'send 2026-12', { refreshMs: 20 });
    const old = new Date(Date.now() - 3_600_000);
    await utimes(path, old, old);
    // Each refresh touches the file: waited for on the file's own change events, not by polling.
    const watcher = watch(path);
    const refreshed = new Promise<boolean>((resolve) => {
      watcher.on('change', () => void stat(path).then((s) => Date.now() - s.mtimeMs < 60_000 && resolve(true)));
    });
    try {
      expect(await refreshed).toBe(true);
    } finally {
      watcher.close();
    }
    await lock.release();
  });

  it('tells its holder when it was taken over, and is then not removed by it', async () => {
    const path = join(temp.dir, 'send.lock');
    const lock = await acquireSendLock(path, 'send 2026-12');
    lock.check();
    await rename(path, join(temp.dir, 'old.lock'));
    await writeFile(path, `${JSON.stringify({ pid: 1, host: 'other', since: 'x', command: 'send 2026-12' })}\n`);
    expect(() => lock.check()).toThrow('the send lock was taken over or removed while sending');
    await lock.release();
    expect((await inspectSendLock(path))?.holder?.host).toBe('other');
  });

  it('tells its holder when another holder made a new lock file with the same inode (regression: only the inode was compared)', async () => {
    const path = join(temp.dir, 'send.lock');
    const lock = await acquireSendLock(path, 'send 2026-12');
    const inode = (await stat(path)).ino;
    // The file system may hand a removed lock's inode to the next file made. Made deterministic here: the
    // lock is removed, and the other holder's lock is written into that same inode and renamed into place.
    const reused = join(temp.dir, 'reused.lock');
    await link(path, reused);
    await rm(path);
    await writeFile(reused, `${JSON.stringify({ pid: 1, host: 'other', since: 'x', command: 'send 2026-12' })}\n`);
    await rename(reused, path);
    expect((await stat(path)).ino).toBe(inode);
    expect(() => lock.check()).toThrow('the send lock was taken over or removed while sending');
    await lock.release();
    expect((await inspectSendLock(path))?.holder?.host).toBe('other');
  });

  it('tells its holder of a same-inode, same-size lock written right after its last check (the check reads the file only when its stat changed)', async () => {
    const path = join(temp.dir, 'send.lock');
    const lock = await acquireSendLock(path, 'send 2026-12');
    lock.check();
    const mine = await readFile(path, 'utf8');
    const inode = (await stat(path)).ino;
    const reused = join(temp.dir, 'reused.lock');
    await link(path, reused);
    await rm(path);
    // Another holder's lock of exactly the same length, in the same inode, within the same moment.
    const other = mine.replace(/"token":"([^"]*)"/u, (_, token: string) => `"token":"${'x'.repeat(token.length)}"`);
    expect(other).not.toBe(mine);
    expect(other.length).toBe(mine.length);
    await writeFile(reused, other);
    await rename(reused, path);
    expect((await stat(path)).ino).toBe(inode);
    expect(() => lock.check()).toThrow('the send lock was taken over or removed while sending');
    await lock.release();
    expect(await readFile(path, 'utf8')).toBe(other);
  });

  it('reads the start time from /proc/PID/stat, whatever the command name holds', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[19] = '987654';
    expect(startTime(`4242 (a) b (c) ${fields.join(' ')}`)).toBe('987654');
    expect(startTime('4242 (short)')).toBeUndefined();
  });
});
