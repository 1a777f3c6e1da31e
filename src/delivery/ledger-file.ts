import { fdatasyncSync, statSync, writeSync } from 'node:fs';
import { mkdir, open, readFile, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SnippetError } from '../errors.js';
import type { LedgerEvent } from './ledger-event.js';
import { parseLedger } from './parse-ledger.js';
import { stateFolderProblem } from './state-folder-problem.js';

/** The file operations a ledger needs: node's FileHandle, or a test's stand-in that fails part-way. */
export interface JournalFile {
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number; ino: number; dev: number }>;
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  readFile(): Promise<Buffer>;
  close(): Promise<void>;
}

export interface LedgerFileOptions {
  /** Opens the file for appending; node's `open(path, 'a+')` by default. */
  openFile?: (path: string) => Promise<JournalFile>;
  /** Checked with every write (once it is synced), e.g. that the send lock is still this run's; throwing stops the ledger and cuts off that write. */
  guard?: () => void;
}

interface Pending {
  line: string;
  event: LedgerEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The only code that writes a ledger. Appends are durable when their promise
 * resolves (written and fdatasync'd). Appends that arrive while a sync is
 * under way are written together by the next one (group commit), so several
 * connections do not each wait for their own sync; a connection whose server
 * is reading a message can hold the next sync for its reply (see hold).
 *
 * What is on disk is the truth: when a write stops part-way (a full disk, a
 * file size limit) the lines that reached the file whole are kept and count
 * as written, the torn rest is cut off, and every later append is refused.
 * With each write the ledger checks that it is still the file at its path,
 * so a ledger deleted or replaced during a send stops the send: the check
 * runs once the write is synced, and the lines count as written only
 * when it passed. A refused write is cut off again, unless another run (one
 * that took the send lock over) has appended since: its lines are never cut.
 */
export class LedgerFile {
  private pending: Pending[] = [];
  private flushing = false;
  private failed: Error | undefined;
  /** Connections whose servers are reading a message (see hold). */
  private holds = 0;
  /** Ends a held sync's wait; set while one waits. */
  private holdTimer: NodeJS.Timeout | undefined;
  private turnQueued = false;
  private lastSyncMs = 1;

  private constructor(
    private readonly handle: JournalFile,
    private readonly path: string,
    private readonly label: string,
    private readonly identity: { ino: number; dev: number },
    private size: number,
    private readonly guard: (() => void) | undefined,
  ) {}

  /** Opens (creating) a ledger for appending, cutting off a torn last line; returns its events. */
  static async open(path: string, label: string, options: LedgerFileOptions = {}): Promise<{ ledger: LedgerFile; events: LedgerEvent[] }> {
    let file: JournalFile;
    try {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      file = await (options.openFile ?? openForAppend)(path);
    } catch (error) {
      throw stateFolderProblem(error, label, 'written') ?? error;
    }
    try {
      const data = await file.readFile();
      const parsed = parseLedger(data, label);
      if (parsed.tornTail) {
        await file.truncate(parsed.intactBytes);
        await file.datasync();
      }
      const { ino, dev } = await file.stat();
      return { ledger: new LedgerFile(file, path, label, { ino, dev }, parsed.intactBytes, options.guard), events: parsed.events };
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  append(event: LedgerEvent): Promise<void> {
    if (this.failed !== undefined) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending.push({ line: `${JSON.stringify(event)}\n`, event, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Holds the next sync for a connection whose server is reading a message:
   * its reply comes soon, and that message's outcome and the next attempt
   * can then share the sync instead of needing one of their own. The sync
   * waits only while the connections holding it outnumber the attempts it
   * would make durable (so with three connections, two share each sync while
   * the third one's server reads), and never longer than the last sync took
   * (at least a millisecond, the timer's grain). Call the function returned
   * once the connection has appended (or will append nothing more).
   */
  hold(): () => void {
    this.holds++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.holds--;
      this.schedule();
    };
  }

  async close(): Promise<void> {
    while (this.flushing || this.pending.length > 0) await new Promise((r) => setImmediate(r));
    await this.handle.close();
  }

  /**
   * Looks in the next turn of the event loop (a message's outcome and the
   * next one's attempt, appended in one turn, share a write and a sync)
   * whether to write and sync what waits: at once, unless the sync is held
   * (see hold), then once the holds let go or the wait is up.
   */
  private schedule(): void {
    if (this.turnQueued || this.flushing || this.pending.length === 0) return;
    this.turnQueued = true;
    setImmediate(() => {
      this.turnQueued = false;
      if (this.flushing || this.pending.length === 0) return;
      if (!this.held()) void this.flush();
      else this.holdTimer ??= setTimeout(() => void this.flush(), Math.max(1, Math.ceil(this.lastSyncMs)));
    });
  }

  /** Whether the connections holding the sync outnumber the attempts waiting in it (see hold). */
  private held(): boolean {
    return this.pending.filter((p) => p.event.type === 'attempt').length < this.holds;
  }

  /** Writes and syncs what waits; then looks again (see schedule). */
  private async flush(): Promise<void> {
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    if (this.flushing) return;
    this.flushing = true;
    if (this.pending.length > 0 && this.failed === undefined) await this.writeBatch();
    this.flushing = false;
    // By the next look, those whose attempts were just made durable have sent their data and hold the sync.
    this.schedule();
  }

  private async writeBatch(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const data = Buffer.from(batch.map((p) => p.line).join(''));
    let written: { error: unknown } | undefined;
    const progress = { bytes: 0 };
    try {
      await this.writeAll(data, progress);
      const syncing = performance.now();
      await this.handle.datasync();
      this.lastSyncMs = performance.now() - syncing;
    } catch (error) {
      written = { error };
    }
    // The checks (the ledger still at its path, the guard) come once the batch is on disk, so nothing that
    // happened while it synced escapes them: the batch counts as written only once both have passed. When
    // one fails, what was written is cut off again, as if it had failed first. They are made on this
    // thread (a stat takes microseconds; a trip through the thread pool costs more, with every message).
    const refused = this.stillAtPath(identityAt(this.path)) ?? this.guarded();
    if (refused) {
      // A run that took the lock over may have appended since: its lines are never cut, so this write
      // is cut off only when nothing but it lies beyond what this ledger wrote.
      if (await this.onlyOursBeyond(progress.bytes)) await this.fail(refused.error, batch, 0);
      else this.refuse(refused.error, batch);
      return;
    }
    if (written) {
      await this.fail(written.error, batch, await this.landedBytes(data.length));
      return;
    }
    this.size += data.length;
    for (const p of batch) p.resolve();
  }

  private async writeAll(data: Buffer, progress: { bytes: number }): Promise<void> {
    while (progress.bytes < data.length) {
      const { bytesWritten } = await this.handle.write(data, progress.bytes, data.length - progress.bytes);
      if (bytesWritten <= 0) throw Object.assign(new Error('the ledger write made no progress'), { code: 'EIO' });
      progress.bytes += bytesWritten;
    }
  }

  private guarded(): { error: unknown } | undefined {
    try {
      this.guard?.();
      return undefined;
    } catch (error) {
      return { error };
    }
  }

  /** Whether the file holds nothing beyond this ledger's lines but the `written` bytes of the batch just written. */
  private async onlyOursBeyond(written: number): Promise<boolean> {
    try {
      return (await this.handle.stat()).size <= this.size + written;
    } catch {
      return false;
    }
  }

  /** How much of the batch reached the file, by the file's own size. */
  private async landedBytes(length: number): Promise<number> {
    try {
      return Math.min(length, Math.max(0, (await this.handle.stat()).size - this.size));
    } catch {
      return 0;
    }
  }

  /**
   * Keeps the lines of `batch` that reached the file whole, except attempts
   * after the last kept outcome: those messages will not be sent now, and an
   * attempt left on disk would make the next run think they were. Cuts the
   * file to that, refuses the rest and every later append.
   */
  private async fail(error: unknown, batch: Pending[], landed: number): Promise<void> {
    this.failed = error instanceof Error ? error : new Error(String(error));
    let kept = 0;
    let keptBytes = 0;
    for (let bytes = 0; kept < batch.length; kept++) {
      bytes += Buffer.byteLength(batch[kept]!.line);
      if (bytes > landed) break;
      keptBytes = bytes;
    }
    while (kept > 0 && batch[kept - 1]!.event.type === 'attempt') {
      kept--;
      keptBytes -= Buffer.byteLength(batch[kept]!.line);
    }
    try {
      await this.handle.truncate(this.size + keptBytes);
      await this.handle.datasync();
      this.size += keptBytes;
    } catch {
      // Whether the kept lines are durable is unknown: none counts as written.
      kept = 0;
    }
    for (const [i, p] of batch.entries()) (i < kept ? p.resolve : p.reject)(error);
    this.rejectPending(error);
    if ((error as { code?: string }).code === 'ELEDGERGONE') await this.restore();
  }

  /** Refuses `batch` and every later append, leaving the file as it is (another run may be appending to it). */
  private refuse(error: unknown, batch: Pending[]): void {
    this.failed = error instanceof Error ? error : new Error(String(error));
    for (const p of batch) p.reject(error);
    this.rejectPending(error);
  }

  private rejectPending(error: unknown): void {
    for (const p of this.pending) p.reject(error);
    this.pending = [];
  }

  /** Undefined when `current` (the path's stat) is still this ledger's file; else the error that stops the ledger. */
  private stillAtPath(current: { ino: number; dev: number } | undefined): { error: unknown } | undefined {
    if (current && current.ino === this.identity.ino && current.dev === this.identity.dev) return undefined;
    const error = Object.assign(
      new SnippetError(`the delivery ledger ${this.label} was deleted or replaced while sending`, {
        file: this.label,
        hint: 'It records who already has this issue, so sending stopped. If it was deleted, it has been written back; otherwise put the original back before sending again, or members may be mailed twice.',
      }),
      { code: 'ELEDGERGONE' },
    );
    return { error };
  }

  /** A deleted ledger is written back from the open file, unless something else has taken its path. */
  private async restore(): Promise<void> {
    try {
      const data = Buffer.alloc(this.size);
      for (let at = 0; at < data.length;) {
        const { bytesRead } = await this.handle.read(data, at, data.length - at, at);
        if (bytesRead === 0) return;
        at += bytesRead;
      }
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      await writeFile(this.path, data, { flag: 'wx', mode: 0o600, flush: true });
    } catch {
      // Replaced, or the disk refused: the error already says to put it back by hand.
    }
  }
}

/**
 * Node's file handle as a journal, except that a write and its sync are made
 * at once on this thread. A few hundred bytes into the page cache take
 * microseconds, where the thread pool's round trip costs more than that. The
 * sync takes longer (a few hundred microseconds on an SSD), but the data that
 * follows waits for it whichever thread makes it, and there is little else
 * for this one to do meanwhile: through the pool, handing the sync over and
 * being woken when it was done cost each message more than what overlapped
 * it (measured: a send of 20,000 messages at one connection made about a
 * sixth more messages a second on this thread, and used less CPU).
 */
export function journalOf(handle: FileHandle): JournalFile {
  return {
    write: async (buffer, offset, length) => ({ bytesWritten: writeSync(handle.fd, buffer, offset, length) }),
    datasync: async () => fdatasyncSync(handle.fd),
    truncate: (length) => handle.truncate(length),
    stat: () => handle.stat(),
    read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
    readFile: () => handle.readFile(),
    close: () => handle.close(),
  };
}

async function openForAppend(path: string): Promise<JournalFile> {
  return journalOf(await open(path, 'a+', 0o600));
}

/** The file at `path` by its device and inode; undefined when there is none (or it cannot be looked at). */
function identityAt(path: string): { ino: number; dev: number } | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Read-only: a ledger's events (a torn last line is left out), or none when it does not exist. */
export async function readLedger(path: string, label: string): Promise<LedgerEvent[]> {
  try {
    return parseLedger(await readFile(path), label).events;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw stateFolderProblem(error, label, 'read') ?? error;
  }
}
