import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE } from '../config/config.js';
import { MEMBERS_FILE, SUPPRESSIONS_FILE } from '../contacts/member.js';
import { SnippetError } from '../errors.js';
import { issueIdOfFile } from '../issue/issue-id.js';
import { ORGANISATIONS_FILE } from '../organisations/organisation.js';
import type { WorkspaceFiles } from './workspace-files.js';

/** IO: reads the workspace's files as text. Parsing is loadWorkspace's job. */
export async function readWorkspaceFiles(dir: string): Promise<WorkspaceFiles> {
  const names = await readdir(join(dir, 'issues')).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const ids = names.map(issueIdOfFile).filter((id): id is string => id !== undefined).sort();
  const issues = await Promise.all(ids.map(async (id) => ({ id, text: (await readText(join(dir, 'issues', `${id}.md`)))! })));
  const [config, organisations, members, suppressions] = await Promise.all(
    [CONFIG_FILE, ORGANISATIONS_FILE, MEMBERS_FILE, SUPPRESSIONS_FILE].map((file) => readText(join(dir, file))),
  );
  return { config, organisations, members, suppressions, issues };
}

export async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR' || code === 'EACCES') {
      throw new SnippetError(`cannot read ${path}: ${code === 'EISDIR' ? 'it is a folder' : 'permission denied'}`, { file: path });
    }
    throw error;
  }
}
