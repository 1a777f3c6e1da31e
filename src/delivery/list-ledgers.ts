import { readdir } from 'node:fs/promises';
import { readError } from '../fs/read-error.js';
import type { IssueId } from '../issue/issue.js';
import type { SendMode } from './ledger-event.js';
import { stateFolderProblem } from './state-folder-problem.js';
import { ledgerDir, ledgerOfFile, STATE_DIR } from './state-paths.js';

/**
 * IO: the issues' ledgers in the workspace, oldest issue first, its list ledger before its test sends' (none before
 * the first send). A ledger folder that cannot be read is the user's to fix,
 * never taken for "nothing sent".
 */
export async function listLedgers(workspace: string): Promise<Array<{ issue: IssueId; mode: SendMode }>> {
  const names = await readdir(ledgerDir(workspace)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw stateFolderProblem(error, `${STATE_DIR}/ledger`, 'read') ?? readError(error, `${STATE_DIR}/ledger`);
  });
  return names.flatMap((name) => ledgerOfFile(name) ?? []).sort((a, b) => a.issue.localeCompare(b.issue) || a.mode.localeCompare(b.mode));
}
