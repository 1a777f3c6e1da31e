import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listLedgers } from '../../src/delivery/list-ledgers.js';
import { ledgerOfFile, ledgerPath } from '../../src/delivery/state-paths.js';
import { isSnippetError } from '../../src/errors.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'snippet-ledgers-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('ledgerOfFile: the one reading of ledgerPath names', () => {
  it('reads back what ledgerPath names, for the list and for test sends', () => {
    for (const mode of ['list', 'test'] as const) {
      const name = ledgerPath('/w', '2026-12', mode).split('/').at(-1)!;
      expect(ledgerOfFile(name)).toEqual({ issue: '2026-12', mode });
    }
  });

  it('is no issue for the delivery reports, a month that is none, or other files', () => {
    for (const name of ['delivery-reports.jsonl', '2026-13.jsonl', '2026-12.jsonl.tmp', '2026-12.other.jsonl', 'x2026-12.jsonl', 'read.jsonl'])
      expect(ledgerOfFile(name)).toBeUndefined();
  });
});

describe('listLedgers', () => {
  it('lists the issues with a ledger, oldest first, and none before the first send', async () => {
    const dir = await workspace();
    expect(await listLedgers(dir)).toEqual([]);
    await mkdir(join(dir, '.snippet/ledger'), { recursive: true });
    for (const name of ['2026-12.jsonl', '2026-11.test.jsonl', '2026-11.jsonl', 'delivery-reports.jsonl'])
      await writeFile(join(dir, '.snippet/ledger', name), '');
    expect(await listLedgers(dir)).toEqual([
      { issue: '2026-11', mode: 'list' },
      { issue: '2026-11', mode: 'test' },
      { issue: '2026-12', mode: 'list' },
    ]);
  });

  it('names the state folder and what to do when the ledger folder cannot be read', async () => {
    const dir = await workspace();
    await mkdir(join(dir, '.snippet'));
    await writeFile(join(dir, '.snippet/ledger'), 'not a folder');
    const error = await listLedgers(dir).catch((e: unknown) => e);
    expect(isSnippetError(error) && [error.kind, error.file, error.message]).toEqual([
      'user',
      '.snippet/ledger',
      'the delivery state folder .snippet/ cannot be read (ENOTDIR: something in its path is a file, not a folder)',
    ]);
  });
});
