import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { STATE_DIR } from '../delivery/state-paths.js';
import { stateFolderProblem } from '../delivery/state-folder-problem.js';
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

/** The messages already read, and a way to add to them. */
export interface MailboxState {
  records: Map<string, ReadRecord>;
  /**
   * Appends records, in one write. It is not synced: the record only spares the next
   * run a second reading. A record lost in a crash means the message is read
   * again, and acting on it again finds its evidence row (synced, under the
   * contacts lock) and does nothing twice; a report acted on is then only moved.
   */
  record(records: readonly ReadRecord[]): Promise<void>;
  close(): Promise<void>;
}

export function readStatePath(dir: string): string {
  return join(dir, STATE_DIR, 'mailbox', 'read.jsonl');
}

/** IO: opens the state (created on the first record), one handle for the whole run. A line torn by a crash is left out. */
export async function openMailboxState(dir: string, options: { readOnly: boolean }): Promise<MailboxState> {
  const path = readStatePath(dir);
  let handle: FileHandle | undefined;
  let text = '';
  try {
    if (!options.readOnly) {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      handle = await open(path, 'a+', 0o600);
      text = (await handle.readFile()).toString('utf8');
    } else {
      const reading = await open(path, 'r').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
      text = reading ? (await reading.readFile()).toString('utf8') : '';
      await reading?.close();
    }
  } catch (error) {
    await handle?.close();
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
  // After a line torn by a crash, the next line starts on its own.
  let prefix = text !== '' && !text.endsWith('\n') ? '\n' : '';
  return {
    records,
    async record(added) {
      for (const record of added) records.set(record.id, record);
      if (!handle || added.length === 0) return;
      const line = `${prefix}${added.map((record) => `${JSON.stringify(record)}\n`).join('')}`;
      prefix = '';
      try {
        await handle.appendFile(line);
      } catch (error) {
        throw stateFolderProblem(error, READ_STATE_LABEL, 'written') ?? error;
      }
    },
    async close() {
      await handle?.close();
    },
  };
}
