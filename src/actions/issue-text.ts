import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SnippetError } from '../errors.js';
import { writeFilesAtomically } from '../fs/write-files-atomically.js';
import type { IssueId } from '../issue/issue.js';
import { issueFile } from '../issue/issue-id.js';

/** An issue file's text and the version it was read at. */
export interface IssueText {
  id: IssueId;
  /** Workspace-relative. */
  file: string;
  text: string;
  /** Changes whenever the text does: a save based on another version is refused. */
  version: string;
}

/** The file changed on disk since the version a save was based on: nothing was written. */
export class IssueChangedError extends SnippetError {
  constructor(file: string) {
    super(`${file} changed on disk since you opened it (an edit in another program or tab, or a git pull); nothing was saved`, {
      file,
      hint: 'Reload to see the file as it is now. What you typed is still in the form.',
    });
    this.name = 'IssueChangedError';
  }
}

export function isIssueChanged(error: unknown): error is IssueChangedError {
  return error instanceof IssueChangedError;
}

export function textVersion(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 20);
}

/** IO: the issue file's text and its version. */
export async function readIssueText(dir: string, id: IssueId): Promise<IssueText> {
  const file = issueFile(id);
  const text = await readFile(join(dir, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT')
      throw new SnippetError(`there is no issue ${id} (${file} does not exist)`, { file, hint: 'Start it from the list of issues.' });
    throw new SnippetError(`cannot read ${file} (${error.code ?? error.message})`, { file });
  });
  return { id, file, text, version: textVersion(text) };
}

/**
 * IO: writes `text` in one atomic step if the file is still at `baseVersion`;
 * otherwise throws IssueChangedError and writes nothing.
 */
export async function saveIssueText(dir: string, id: IssueId, text: string, baseVersion: string): Promise<IssueText> {
  const current = await readIssueText(dir, id);
  if (current.version !== baseVersion) throw new IssueChangedError(current.file);
  if (text !== current.text) await writeFilesAtomically(dir, [{ name: current.file, data: text }], { shownDir: '' });
  return { ...current, text, version: textVersion(text) };
}
