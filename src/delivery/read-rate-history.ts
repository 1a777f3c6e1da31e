import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UNIT_MS } from '../config/rate-limit.js';
import { readLedger } from './ledger-file.js';
import { ledgerDir, STATE_DIR } from './state-paths.js';

/**
 * When every message of the last day was attempted, from all ledgers of the
 * workspace (test sends included: the server counts them too), so that a
 * new run counts what earlier runs already sent inside each window.
 */
export async function readRateHistory(workspace: string, now: number): Promise<number[]> {
  const dir = ledgerDir(workspace);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const since = now - UNIT_MS.day;
  const times: number[] = [];
  for (const name of names.filter((n) => n.endsWith('.jsonl'))) {
    for (const event of await readLedger(join(dir, name), `${STATE_DIR}/ledger/${name}`)) {
      if (event.type !== 'attempt') continue;
      const at = Date.parse(event.at);
      if (at > since) times.push(at);
    }
  }
  return times.sort((a, b) => a - b);
}
