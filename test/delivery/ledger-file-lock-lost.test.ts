import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/delivery/ledger-event.js';
import { LedgerFile, readLedger } from '../../src/delivery/ledger-file.js';
import { acquireSendLock } from '../../src/delivery/send-lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snippet-ledger-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const attempt = (to: string): LedgerEvent => ({ type: 'attempt', at: '2026-12-01T09:00:00.000Z', to, messageId: 'm' });
const delivered = (to: string): LedgerEvent => ({ type: 'delivered', at: '2026-12-01T09:00:01.000Z', to, response: '250 ok' });

/** As a send does: takes the send lock in `dir`, opens the ledger there guarded by it, and appends `events`. */
async function openGuarded(dir: string, events: readonly LedgerEvent[]) {
  const path = join(dir, 'l.jsonl');
  const lockPath = join(dir, 'send.lock');
  const lock = await acquireSendLock(lockPath, 'send 2026-12');
  const { ledger } = await LedgerFile.open(path, 'l.jsonl', { guard: () => lock.check() });
  for (const event of events) await ledger.append(event);
  return { path, lockPath, lock, ledger };
}

describe('a ledger whose send lock was lost while sending (regression: the stopped run cut off the lines of the run that took over)', () => {
  it("keeps every line the run that took the lock over appended, and refuses this run's write", async () => {
    const { path, lockPath, lock: first, ledger } = await openGuarded(dir, [attempt('a'), delivered('a')]);

    // The first run looks abandoned; a second run takes the lock over and records a delivery.
    await rename(lockPath, join(dir, 'abandoned.lock'));
    const { lock: second, ledger: other } = await openGuarded(dir, [attempt('x'), delivered('x')]);

    await expect(ledger.append(attempt('b'))).rejects.toThrow('the send lock was taken over or removed while sending');
    await expect(ledger.append(attempt('c'))).rejects.toThrow('the send lock was taken over or removed while sending');
    await ledger.close();

    // x was delivered: losing that line would mail x twice. b's attempt may stay (in doubt, never mailed twice).
    const onDisk = await readLedger(path, 'l.jsonl');
    expect(onDisk.slice(0, 4)).toEqual([attempt('a'), delivered('a'), attempt('x'), delivered('x')]);
    expect(onDisk.slice(4)).toEqual([attempt('b')]);
    // The second run goes on appending to a whole file.
    await other.append(attempt('y'));
    await other.close();
    expect((await readFile(path, 'utf8')).endsWith(`${JSON.stringify(attempt('y'))}\n`)).toBe(true);
    expect(await readLedger(path, 'l.jsonl')).toHaveLength(6);
    await second.release();
    await first.release();
  });

  it('cuts off its own refused write when no other run has appended', async () => {
    const { path, lockPath, lock, ledger } = await openGuarded(dir, [attempt('a')]);
    await rename(lockPath, join(dir, 'removed.lock'));
    await expect(ledger.append(attempt('b'))).rejects.toThrow('the send lock was taken over or removed while sending');
    await ledger.close();
    // b will not be sent: its attempt must not stay on disk as "in doubt".
    expect(await readLedger(path, 'l.jsonl')).toEqual([attempt('a')]);
    await lock.release();
  });
});
