import { SnippetError } from '../errors.js';
import { isIssueChangedError, issueVersion, readIssueText as readVersioned, saveIssueText as saveVersioned } from '../fs/issue-text.js';
import type { IssueId } from '../issue/issue.js';
import { issueFile } from '../issue/issue-id.js';

export { isIssueChangedError };

/** An issue file's text and the version it was read at, for the desk. */
export interface IssueText {
  id: IssueId;
  /** Workspace-relative. */
  file: string;
  text: string;
  /** Changes whenever the text does: a save based on another version is refused. */
  version: string;
}

/** IO: an existing issue file's text and its version. */
export async function readIssueText(dir: string, id: IssueId): Promise<IssueText> {
  const file = issueFile(id);
  const { text, version } = await readVersioned(dir, file);
  if (text === undefined) throw new SnippetError(`there is no issue ${id} (${file} does not exist)`, { file, hint: 'Start it from the list of issues.' });
  return { id, file, text, version };
}

/**
 * IO: writes `text` under the issue-file lock if the file is still at
 * `baseVersion`; otherwise throws IssueChangedError and writes nothing.
 */
export async function saveIssueText(dir: string, id: IssueId, text: string, baseVersion: string): Promise<IssueText> {
  const file = issueFile(id);
  await saveVersioned(dir, file, text, baseVersion, {
    changedHint: 'Nothing was saved, and what you typed is still in the form. Reload to see the file as it is now.',
  });
  return { id, file, text, version: issueVersion(text) };
}
