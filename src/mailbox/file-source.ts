import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { SnippetError } from '../errors.js';
import type { MailSource, SourceMessage } from './mail-source.js';
import { mboxMessages } from './mbox-messages.js';

/** Messages larger than this are not loaded: no report is, and a 1 GB file would only exhaust memory. */
export const LARGEST_MESSAGE = 50 * 1024 * 1024;

/**
 * A PATH given to `snippet mailbox`: a folder of `.eml` files (read in name
 * order) or one mbox file. Only read: a PATH is never changed. Outlook's
 * `.msg` files are listed by name as not read (save them as .eml).
 */
export async function openFileSource(path: string, label: string): Promise<MailSource & { skipped: string[] }> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(label, error);
  });
  if (info.isDirectory()) {
    const names = (
      await readdir(path).catch((error: NodeJS.ErrnoException) => {
        throw unreadable(label, error);
      })
    ).sort();
    const emls = names.filter((name) => extname(name).toLowerCase() === '.eml');
    const skipped = names.filter((name) => extname(name).toLowerCase() === '.msg');
    return { label, skipped, messages: () => emlMessages(path, label, emls), close: async () => {} };
  }
  return { label, skipped: [], messages: () => mboxSource(path, label), close: async () => {} };
}

async function* emlMessages(folder: string, label: string, names: readonly string[]): AsyncGenerator<SourceMessage> {
  for (const name of names) {
    const path = join(folder, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    yield {
      source: join(label, name),
      messageId: undefined,
      arrived: info.mtime,
      load: async () => {
        if (info.size > LARGEST_MESSAGE) throw tooLarge(join(label, name), info.size);
        return readFile(path);
      },
    };
  }
}

async function* mboxSource(path: string, label: string): AsyncGenerator<SourceMessage> {
  let index = 0;
  try {
    for await (const raw of mboxMessages(path)) {
      index++;
      yield { source: `${label}#${index}`, messageId: undefined, arrived: undefined, load: async () => raw };
    }
  } catch (error) {
    throw unreadable(label, error as NodeJS.ErrnoException);
  }
}

function unreadable(label: string, error: NodeJS.ErrnoException): SnippetError {
  const why =
    error.code === 'ENOENT' ? 'it does not exist' : error.code === 'EACCES' || error.code === 'EPERM' ? 'permission denied' : (error.code ?? error.message);
  return new SnippetError(`cannot read ${label}: ${why}`, {
    hint: 'Give a folder of .eml files or an mbox file saved from your mail program, e.g. `snippet mailbox ~/Desktop/bounces`.',
    cause: error,
  });
}

function tooLarge(source: string, size: number): SnippetError {
  return new SnippetError(`${source} is ${Math.round(size / 1024 / 1024)} MB, larger than any report: not read`);
}
