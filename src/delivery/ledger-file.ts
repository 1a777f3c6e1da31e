import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LedgerEvent } from './ledger-event.js';
import { parseLedger } from './parse-ledger.js';

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The only code that writes a ledger. Appends are durable when their promise
 * resolves (written and fdatasync'd). Appends that arrive while a sync is
 * under way are written together by the next one (group commit), so several
 * connections do not each wait for their own sync.
 */
export class LedgerFile {
  private pending: Pending[] = [];
  private flushing = false;
  private failed: unknown;

  private constructor(private readonly handle: FileHandle) {}

  /** Opens (creating) a ledger for appending, cutting off a torn last line; returns its events. */
  static async open(path: string, label: string): Promise<{ ledger: LedgerFile; events: LedgerEvent[] }> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const handle = await open(path, 'a+', 0o600);
    try {
      const data = await handle.readFile();
      const parsed = parseLedger(data, label);
      if (parsed.tornTail) {
        await handle.truncate(parsed.intactBytes);
        await handle.datasync();
      }
      return { ledger: new LedgerFile(handle), events: parsed.events };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  append(event: LedgerEvent): Promise<void> {
    if (this.failed !== undefined) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending.push({ line: `${JSON.stringify(event)}\n`, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  async close(): Promise<void> {
    while (this.flushing || this.pending.length > 0) await new Promise((r) => setImmediate(r));
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.handle.appendFile(batch.map((p) => p.line).join(''));
        await this.handle.datasync();
        for (const p of batch) p.resolve();
      } catch (error) {
        // A failed write may have left part of a line; refuse further appends
        // so nothing is sent that could not be recorded.
        this.failed = error;
        for (const p of [...batch, ...this.pending]) p.reject(error);
        this.pending = [];
      }
    }
    this.flushing = false;
  }
}

/** Read-only: a ledger's events (a torn last line is left out), or none when it does not exist. */
export async function readLedger(path: string, label: string): Promise<LedgerEvent[]> {
  try {
    return parseLedger(await readFile(path), label).events;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
