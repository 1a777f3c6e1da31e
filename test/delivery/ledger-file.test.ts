import { appendFile, mkdtemp, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LedgerEvent } from '../../src/delivery/ledger-event.js';
import { journalOf, LedgerFile, readLedger, type JournalFile } from '../../src/delivery/ledger-file.js';
import { parseLedger } from '../../src/delivery/parse-ledger.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snippet-ledger-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const line = (to: string) => `${JSON.stringify({ type: 'attempt', at: '2026-12-01T09:00:00.000Z', to, messageId: 'm' })}\n`;

describe('ledger', () => {
  it('appends durably and reads back, many appends at once', async () => {
    const path = join(dir, 'l.jsonl');
    const { ledger, events } = await LedgerFile.open(path, 'l.jsonl');
    expect(events).toEqual([]);
    await Promise.all(Array.from({ length: 50 }, (_, i) => ledger.append({ type: 'attempt', at: 'now', to: `r${i}`, messageId: 'm' })));
    await ledger.close();
    expect((await readLedger(path, 'l.jsonl')).map((e) => (e as { to: string }).to)).toEqual(Array.from({ length: 50 }, (_, i) => `r${i}`));
  });

  it('tolerates a torn last line and cuts it off before appending', async () => {
    const path = join(dir, 'l.jsonl');
    await writeFile(path, `${line('a')}${line('b')}{"type":"attempt","at":"2026`);
    expect((await readLedger(path, 'l.jsonl')).map((e) => (e as { to: string }).to)).toEqual(['a', 'b']);
    const { ledger, events } = await LedgerFile.open(path, 'l.jsonl');
    expect(events).toHaveLength(2);
    await ledger.append({ type: 'delivered', at: 'now', to: 'a', response: '250' });
    await ledger.close();
    expect(await readFile(path, 'utf8')).toBe(`${line('a')}${line('b')}${JSON.stringify({ type: 'delivered', at: 'now', to: 'a', response: '250' })}\n`);
  });

  it('refuses damage anywhere but the last line, naming the line', async () => {
    const path = join(dir, 'l.jsonl');
    await writeFile(path, `${line('a')}garbage\n${line('b')}`);
    await expect(readLedger(path, '.snippet/ledger/2026-12.jsonl')).rejects.toMatchObject({
      message: 'the delivery ledger is damaged at line 2',
      file: '.snippet/ledger/2026-12.jsonl',
      line: 2,
    });
    await expect(LedgerFile.open(path, 'l.jsonl')).rejects.toThrow(/damaged at line 2/u);
  });

  it('refuses a ledger whose first byte is a newline as damage at line 1, never a torn tail cut to nothing', async () => {
    for (const text of ['\n', `\n${line('a')}`, `\n${line('a')}{"type":"att`]) {
      expect(() => parseLedger(Buffer.from(text), 'l.jsonl'), JSON.stringify(text)).toThrow(
        expect.objectContaining({ message: 'the delivery ledger is damaged at line 1', line: 1 }),
      );
      const path = join(dir, 'l.jsonl');
      await writeFile(path, text);
      await expect(LedgerFile.open(path, 'l.jsonl')).rejects.toMatchObject({ line: 1 });
      // Nothing was cut off.
      expect(await readFile(path, 'utf8')).toBe(text);
    }
  });

  it('refuses a complete line that is not a ledger event', () => {
    expect(() => parseLedger(Buffer.from(`${line('a')}{"type":"mystery","at":"x"}\n`), 'l')).toThrow(/line 2/u);
  });

  it('refuses further appends after a failed write', async () => {
    const path = join(dir, 'l.jsonl');
    const { ledger } = await LedgerFile.open(path, 'l.jsonl');
    await ledger.append({ type: 'attempt', at: 'now', to: 'a', messageId: 'm' });
    // Simulate the handle going away under it (as a full disk or a yanked drive would fail it).
    await (ledger as unknown as { handle: { close(): Promise<void> } }).handle.close();
    await expect(ledger.append({ type: 'attempt', at: 'now', to: 'b', messageId: 'm' })).rejects.toThrow();
    await expect(ledger.append({ type: 'attempt', at: 'now', to: 'c', messageId: 'm' })).rejects.toThrow();
    await appendFile(path, '');
  });
});

/** A real ledger file whose writes stop, as under `ulimit -f`, once `limit` bytes have gone in since it was opened. */
function cappedFile(limit: number) {
  let taken = 0;
  return async (path: string): Promise<JournalFile> => {
    const journal = journalOf(await open(path, 'a+', 0o600));
    return {
      ...journal,
      write: async (buffer, offset, length) => {
        const room = limit - taken;
        if (room <= 0) throw Object.assign(new Error('EFBIG: file too large, write'), { code: 'EFBIG' });
        const { bytesWritten } = await journal.write(buffer, offset, Math.min(length, room));
        taken += bytesWritten;
        return { bytesWritten };
      },
    };
  };
}

describe('a partly failed ledger write (regression: the report and the ledger disagreed)', () => {
  const attempt = (to: string): LedgerEvent => ({ type: 'attempt', at: '2026-12-01T09:00:00.000Z', to, messageId: 'm' });
  const delivered = (to: string): LedgerEvent => ({ type: 'delivered', at: '2026-12-01T09:00:01.000Z', to, response: '250 ok' });
  const bytes = (event: LedgerEvent): number => Buffer.byteLength(`${JSON.stringify(event)}\n`);

  it('counts a line as written exactly when all of it is on disk, and leaves no attempt for a message that will not be sent', async () => {
    const path = join(dir, 'l.jsonl');
    // Room for a's outcome, b's attempt, c's outcome and d's attempt whole, and half of e's attempt.
    const batch = [delivered('a'), attempt('b'), delivered('c'), attempt('d'), attempt('e')];
    const room = batch.slice(0, 4).reduce((sum, e) => sum + bytes(e), 0) + 20;
    const { ledger } = await LedgerFile.open(path, 'l.jsonl', { openFile: cappedFile(room) });
    // One batch: all five are queued before the first write starts.
    const settled = await Promise.allSettled(batch.map((event) => ledger.append(event)));
    await ledger.close();
    const onDisk = await readLedger(path, 'l.jsonl');
    // d's attempt landed but nothing after it: d will not be sent, so it must not stay "attempted" (in doubt).
    expect(onDisk).toEqual(batch.slice(0, 3));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected']);
    // The file ends at a line end: the next run does not see a torn tail.
    expect((await readFile(path, 'utf8')).endsWith('\n')).toBe(true);
  });

  it('refuses every later append once a write has failed', async () => {
    const path = join(dir, 'l.jsonl');
    const { ledger } = await LedgerFile.open(path, 'l.jsonl', { openFile: cappedFile(bytes(attempt('a')) + 5) });
    await ledger.append(attempt('a'));
    await expect(ledger.append(delivered('a'))).rejects.toMatchObject({ code: 'EFBIG' });
    await expect(ledger.append(attempt('b'))).rejects.toMatchObject({ code: 'EFBIG' });
    await ledger.close();
    expect(await readLedger(path, 'l.jsonl')).toEqual([attempt('a')]);
  });
});

describe('a ledger removed or replaced while open (regression: a deleted ledger let every member be mailed again)', () => {
  const attempt = (to: string): LedgerEvent => ({ type: 'attempt', at: '2026-12-01T09:00:00.000Z', to, messageId: 'm' });

  it('refuses to append once its file has been deleted, and puts the journal back', async () => {
    const path = join(dir, 'l.jsonl');
    const { ledger } = await LedgerFile.open(path, '.snippet/ledger/2026-12.jsonl');
    await ledger.append(attempt('a'));
    await rm(path);
    await expect(ledger.append(attempt('b'))).rejects.toThrow(/\.snippet\/ledger\/2026-12\.jsonl was deleted or replaced while sending/u);
    await ledger.close();
    // What was recorded is not lost with the file: it is written back where it was.
    expect(await readLedger(path, 'l.jsonl')).toEqual([attempt('a')]);
  });

  it('puts the journal back when its whole folder was removed (git clean -fdX)', async () => {
    const path = join(dir, '.snippet/ledger/l.jsonl');
    const { ledger } = await LedgerFile.open(path, 'l.jsonl');
    await ledger.append(attempt('a'));
    await rm(join(dir, '.snippet'), { recursive: true });
    await expect(ledger.append(attempt('b'))).rejects.toThrow(/deleted or replaced/u);
    await ledger.close();
    expect(await readLedger(path, 'l.jsonl')).toEqual([attempt('a')]);
  });

  it('refuses to append once its file has been renamed or replaced, leaving the replacement alone', async () => {
    const path = join(dir, 'l.jsonl');
    const { ledger } = await LedgerFile.open(path, 'l.jsonl');
    await ledger.append(attempt('a'));
    await rename(path, join(dir, 'moved.jsonl'));
    await writeFile(path, '');
    await expect(ledger.append(attempt('b'))).rejects.toThrow(/deleted or replaced/u);
    await ledger.close();
    expect(await readFile(path, 'utf8')).toBe('');
    expect(await readLedger(join(dir, 'moved.jsonl'), 'l.jsonl')).toEqual([attempt('a')]);
  });
});

describe("a ledger's sync held for connections whose servers are reading a message", () => {
  const attempt = (to: string): LedgerEvent => ({ type: 'attempt', at: '2026-12-01T09:00:00.000Z', to, messageId: 'm' });
  const delivered = (to: string): LedgerEvent => ({ type: 'delivered', at: '2026-12-01T09:00:01.000Z', to, response: '250 ok' });
  const turns = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  /** A real ledger file that counts its syncs. */
  async function counted(path: string) {
    const syncs = { count: 0 };
    const { ledger } = await LedgerFile.open(path, 'l.jsonl', {
      openFile: async (at) => {
        const journal = journalOf(await open(at, 'a+', 0o600));
        return { ...journal, datasync: () => (syncs.count++, journal.datasync()) };
      },
    });
    return { ledger, syncs };
  }

  // Only the hold's bound runs on a timer: faked, it never ends a wait unless a test says so.
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => void vi.useRealTimers());

  it('waits while more connections hold it than attempts wait in it, then makes them durable in one sync', async () => {
    const path = join(dir, 'l.jsonl');
    const { ledger, syncs } = await counted(path);
    // Three connections: b's and c's servers are reading; a's attempt comes first.
    const letGoB = ledger.hold();
    const letGoC = ledger.hold();
    let aDurable = false;
    const a = ledger.append(attempt('a')).then(() => (aDurable = true));
    await turns(3);
    expect(syncs.count).toBe(0);
    expect(aDurable).toBe(false);
    // b's reply: its outcome and its next attempt, then it lets go. Two attempts wait, one connection holds: the sync goes.
    const b = [ledger.append(delivered('b')), ledger.append(attempt('b2'))];
    letGoB();
    await Promise.all([a, ...b]);
    expect(syncs.count).toBe(1);
    letGoC();
    await ledger.close();
    expect(await readLedger(path, 'l.jsonl')).toEqual([attempt('a'), delivered('b'), attempt('b2')]);
  });

  it('does not wait when as many attempts wait as connections hold it (one connection alone never waits)', async () => {
    const { ledger, syncs } = await counted(join(dir, 'l.jsonl'));
    const letGo = ledger.hold();
    // The connection's own outcome and next attempt, appended before it lets go.
    await Promise.all([ledger.append(delivered('a')), ledger.append(attempt('b'))]);
    expect(syncs.count).toBe(1);
    letGo();
    await ledger.close();
  });

  it('waits no longer than a millisecond for a hold never let go (before its first sync)', async () => {
    const { ledger, syncs } = await counted(join(dir, 'l.jsonl'));
    ledger.hold();
    let durable = false;
    const outcome = ledger.append(delivered('a')).then(() => (durable = true));
    await turns(3);
    expect(durable).toBe(false);
    vi.advanceTimersByTime(1);
    await outcome;
    expect(syncs.count).toBe(1);
    await ledger.close();
  });

  it('syncs what waits once the last hold is let go, and a second let-go changes nothing', async () => {
    const { ledger, syncs } = await counted(join(dir, 'l.jsonl'));
    const letGo = ledger.hold();
    const outcome = ledger.append(delivered('a'));
    await turns(2);
    expect(syncs.count).toBe(0);
    letGo();
    await outcome;
    letGo();
    await ledger.append(delivered('b'));
    expect(syncs.count).toBe(2);
    await ledger.close();
  });
});
