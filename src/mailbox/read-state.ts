import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { STATE_DIR } from '../delivery/state-paths.js';
import { stateFolderProblem } from '../delivery/state-folder-problem.js';
import { writeSynced } from '../fs/write-files-atomically.js';
import type { MessageKind } from './message-reading.js';

/** Every message `snippet mailbox` has read, one JSON line each, so that no run reads one twice. */
export const READ_STATE_LABEL = `${STATE_DIR}/mailbox/read.jsonl`;

export interface ReadRecord {
  /** The message's Message-ID, or `sha256:…` of its bytes when it has none. */
  id: string;
  at: string;
  source: string;
  kind: MessageKind;
  /** Rows were written for it (and, over IMAP, it is to be moved to the processed folder). */
  acted: boolean;
}

export function readStatePath(dir: string): string {
  return join(dir, STATE_DIR, 'mailbox', 'read.jsonl');
}

/** IO: the messages already read, by id; a line torn by a crash is left out (its message is read again, which acting allows). */
export async function readMailboxState(dir: string): Promise<Map<string, ReadRecord>> {
  let text: string;
  try {
    text = await readFile(readStatePath(dir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw stateFolderProblem(error, READ_STATE_LABEL, 'read') ?? error;
  }
  const records = new Map<string, ReadRecord>();
  for (const line of text.split('\n')) {
    try {
      const record = JSON.parse(line) as ReadRecord;
      if (typeof record.id === 'string') records.set(record.id, record);
    } catch {
      // A torn last line.
    }
  }
  return records;
}

/** Appends one record, synced: once it returns, the message counts as read. */
export async function recordRead(dir: string, record: ReadRecord): Promise<void> {
  const path = readStatePath(dir);
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // After a line torn by a crash, a new line starts on its own.
    await writeSynced(path, `${(await endsMidLine(path)) ? '\n' : ''}${JSON.stringify(record)}\n`, { flag: 'a', mode: 0o600 });
  } catch (error) {
    throw stateFolderProblem(error, READ_STATE_LABEL, 'written') ?? error;
  }
}

async function endsMidLine(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}
