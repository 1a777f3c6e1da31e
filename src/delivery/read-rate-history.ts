import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UNIT_MS } from '../config/rate-limit.js';
import type { LedgerEvent } from './ledger-event.js';
import { readLedger } from './ledger-file.js';
import { ledgerDir, STATE_DIR } from './state-paths.js';

/**
 * When every message of the last day was attempted, from all ledgers of the
 * workspace (test sends included: the server counts them too), so that a
 * new run counts what earlier runs already sent inside each window.
 * Ledgers the caller has read already (by path) are not read again.
 */
export async function readRateHistory(workspace: string, now: number, read: ReadonlyMap<string, readonly LedgerEvent[]> = new Map()): Promise<number[]> {
  const dir = ledgerDir(workspace);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const since = now - UNIT_MS.day;
  const times: number[] = [];
  for (const name of names.filter((n) => n.endsWith('.jsonl'))) {
    const path = join(dir, name);
    for (const event of read.get(path) ?? (await readLedger(path, `${STATE_DIR}/ledger/${name}`))) {
      if (event.type !== 'attempt') continue;
      const at = Date.parse(event.at);
      if (at > since) times.push(at);
    }
  }
  return times.sort((a, b) => a - b);
}
