import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LedgerFile, readLedger } from '../../src/delivery/ledger-file.js';
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
    await expect(readLedger(path, '.snippet/ledger/2026-12.jsonl')).rejects.toMatchObject({ message: 'the delivery ledger is damaged at line 2', file: '.snippet/ledger/2026-12.jsonl', line: 2 });
    await expect(LedgerFile.open(path, 'l.jsonl')).rejects.toThrow(/damaged at line 2/u);
  });

  it('refuses a ledger whose first byte is a newline as damage at line 1, never a torn tail cut to nothing', async () => {
    for (const text of ['\n', `\n${line('a')}`, `\n${line('a')}{"type":"att`]) {
      expect(() => parseLedger(Buffer.from(text), 'l.jsonl'), JSON.stringify(text)).toThrow(expect.objectContaining({ message: 'the delivery ledger is damaged at line 1', line: 1 }));
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
