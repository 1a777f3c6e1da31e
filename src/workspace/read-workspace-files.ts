import { readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE } from '../config/config.js';
import { MEMBERS_FILE, SUPPRESSIONS_FILE } from '../contacts/member.js';
import { readCsvFile } from '../contacts/read-csv-file.js';
import { isSnippetError, SnippetError } from '../errors.js';
import { readError } from '../fs/read-error.js';
import type { IssueId } from '../issue/issue.js';
import { issueFile, issueIdOfFile } from '../issue/issue-id.js';
import { ORGANISATIONS_FILE } from '../organisations/organisation.js';
import type { WorkspaceFiles } from './workspace-files.js';

/** The workspace's files besides the issues, read as text and as CSV: readWorkspaceFiles and workspaceFileNames both name them from here. */
const TEXT_FILES = [CONFIG_FILE, ORGANISATIONS_FILE];
const CSV_FILES = [MEMBERS_FILE, SUPPRESSIONS_FILE];

/** IO: reads the workspace's files as text. Parsing is loadWorkspace's job. */
export async function readWorkspaceFiles(dir: string): Promise<WorkspaceFiles> {
  const issues = await readIssueFiles(dir);
  const [config, organisations] = await Promise.all(TEXT_FILES.map((file) => readText(join(dir, file), file)));
  const [members, suppressions] = await Promise.all(CSV_FILES.map((file) => readCsvFile(join(dir, file), file)));
  return {
    config,
    organisations,
    members: members?.text,
    suppressions: suppressions?.text,
    issues,
    csvWarnings: [...(members?.warnings ?? []), ...(suppressions?.warnings ?? [])],
  };
}

/** IO: every `issues/YYYY-MM.md`, oldest first (the website reads these, the config and the organisations, and nothing else). */
export async function readIssueFiles(dir: string): Promise<WorkspaceFiles['issues']> {
  return Promise.all((await listIssueIds(dir)).map((id) => readIssueFile(dir, id)));
}

/**
 * IO: the files readWorkspaceFiles reads, workspace-relative, for telling
 * whether any changed without reading them (the desk's preview does).
 */
export async function workspaceFileNames(dir: string): Promise<string[]> {
  return [...TEXT_FILES, ...CSV_FILES, ...(await listIssueIds(dir)).map(issueFile)];
}

/** IO: the ids of the files in `issues/` named as issues, oldest first. */
async function listIssueIds(dir: string): Promise<IssueId[]> {
  const names = await readdir(join(dir, 'issues')).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw readError(error, 'issues/');
  });
  return names
    .map(issueIdOfFile)
    .filter((id): id is string => id !== undefined)
    .sort();
}

/**
 * A workspace file's text, or undefined when it does not exist. Any other
 * failure is the user's to fix and says which file (`label`, workspace-relative).
 */
export async function readText(path: string, label = path): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw readError(error as NodeJS.ErrnoException, label);
    // A link whose file is gone is there to the eye (ls shows it), so "missing" would mislead.
    const target = await readlink(path).catch(() => undefined);
    if (target === undefined) return undefined;
    throw new SnippetError(`cannot read ${label}: it is a link to ${target}, which does not exist`, {
      file: label,
      hint: `Remove the link or point it at the file (ls -l ${label} shows it).`,
    });
  }
}

/** One issue file, or why it cannot be read: a problem of that file alone, like a YAML error. */
async function readIssueFile(dir: string, id: IssueId): Promise<WorkspaceFiles['issues'][number]> {
  const label = issueFile(id);
  try {
    return { id, text: await readListedFile(join(dir, label), label) };
  } catch (error) {
    if (!isSnippetError(error)) throw error;
    return { id, unreadable: { severity: 'error', file: label, message: error.message, ...(error.hint === undefined ? {} : { hint: error.hint }) } };
  }
}

/** A file readdir just listed: gone by now only if it was removed meanwhile. */
async function readListedFile(path: string, label: string): Promise<string> {
  const text = await readText(path, label);
  if (text === undefined)
    throw new SnippetError(`cannot read ${label}: it was removed while snippet was reading the workspace`, { file: label, hint: 'Run the command again.' });
  return text;
}
