import { createHash } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SnippetError } from '../errors.js';
import { readError } from './read-error.js';
import { withFileLock, type FileLockOptions } from './with-file-lock.js';
import { syncFolder, writeFailureHint, writeFailureWhy, writeSynced } from './write-files-atomically.js';

/** The version of a file that does not exist: saving with it creates the file, and refuses if one appeared. */
export const ABSENT_VERSION = 'absent';

/** An issue file's text as read, and its version: what a later save must be based on. */
export interface IssueText {
  /** Undefined when the file does not exist. */
  text: string | undefined;
  version: string;
}

/**
 * The file changed on disk after the writer read it (an editor saved it, the
 * desk, an import): nothing was written, and the other change is kept.
 */
export class IssueChangedError extends SnippetError {
  constructor(file: string, hint = 'Nothing was written. Reload the file to see the other change, then make yours again.') {
    super(`${file} changed on disk since you opened it; reload it`, { file, hint });
    this.name = 'IssueChangedError';
  }
}

export function isIssueChangedError(error: unknown): error is IssueChangedError {
  return error instanceof IssueChangedError;
}

/** The version of an issue file's text (as read as UTF-8), or of a missing file. */
export function issueVersion(text: string | undefined): string {
  return text === undefined ? ABSENT_VERSION : `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** The lock every writer of an issue file holds while it checks the version and writes. */
export function issueLockPath(dir: string): string {
  return join(dir, '.snippet', 'issues.lock');
}

/** Reads `file` (workspace-relative, e.g. `issues/2026-12.md`) with its version. */
export async function readIssueText(dir: string, file: string): Promise<IssueText> {
  const text = await readCurrent(join(dir, file), file);
  return { text, version: issueVersion(text) };
}

export interface SaveIssueOptions extends FileLockOptions {
  /** What to do when the file changed, in the words of the command that writes. */
  changedHint?: string;
}

/**
 * Writes `text` to `file` (workspace-relative) if the file is still at
 * `basedOn` (from readIssueText, issueVersion, or ABSENT_VERSION for a new
 * file), else throws IssueChangedError and writes nothing. The text is
 * written and synced under a temporary name first; then, holding the
 * issue-file lock, the version is checked and the file replaced by a rename.
 * An editor does not take the lock, so a save of its own that lands between
 * the check and the rename is caught too: the old file is kept under a second
 * name across the rename, and if it no longer holds `basedOn` it is put back.
 */
export async function saveIssueText(dir: string, file: string, text: string, basedOn: string, options: SaveIssueOptions = {}): Promise<void> {
  const path = join(dir, file);
  const folder = dirname(path);
  const tmp = join(folder, `.${basename(path)}.${process.pid}.tmp`);
  const kept = join(folder, `.${basename(path)}.${process.pid}.before`);
  const changed = (): IssueChangedError => new IssueChangedError(file, options.changedHint);
  try {
    await mkdir(folder, { recursive: true });
    await writeSynced(tmp, text);
    // A replaced file keeps its permissions.
    const mode = (await stat(path).catch(() => undefined))?.mode;
    if (mode !== undefined) await chmod(tmp, mode & 0o7777);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw failure(error, file);
  }
  try {
    await withFileLock(
      issueLockPath(dir),
      // One lock for every file written this way (issues, organisations.yaml); messages name the file at hand.
      { lock: `lock on ${file}`, busy: `${file} is being changed` },
      async () => {
        const current = await readCurrent(path, file);
        if (issueVersion(current) !== basedOn) throw changed();
        if (current === undefined) {
          // A link, unlike a rename, fails when a file appeared meanwhile.
          await link(tmp, path).catch((error: NodeJS.ErrnoException) => {
            throw error.code === 'EEXIST' ? changed() : failure(error, file);
          });
        } else {
          await rm(kept, { force: true });
          const keeping = await link(path, kept).then(
            () => true,
            // A file system without hard links: the check above is all there is.
            () => false,
          );
          await rename(tmp, path).catch((error: unknown) => {
            throw failure(error, file);
          });
          if (keeping && issueVersion(await readFile(kept, 'utf8')) !== basedOn) {
            await rename(kept, path);
            throw changed();
          }
        }
        await syncFolder(folder);
      },
      options,
    );
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined);
    await rm(kept, { force: true }).catch(() => undefined);
  }
}

async function readCurrent(path: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw readError(error as NodeJS.ErrnoException, file);
  }
}

function failure(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined || error instanceof SnippetError) return error;
  const folder = dirname(file);
  return new SnippetError(`could not write ${file} (${writeFailureWhy(code, folder)}); it is unchanged`, {
    file,
    hint: writeFailureHint(code, folder),
    cause: error,
  });
}
