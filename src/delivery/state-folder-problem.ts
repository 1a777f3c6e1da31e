import { SnippetError } from '../errors.js';
import { STATE_DIR } from './state-paths.js';

const UNUSABLE: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOTDIR: 'something in its path is a file, not a folder',
  EEXIST: 'something in its path is a file, not a folder',
};

/**
 * The state folder's files as the user's problem, not an internal error: a
 * `.snippet/` made by another user (cron's, or root's), or on a read-only
 * disk. Undefined for any other error.
 */
export function stateFolderProblem(error: unknown, label: string, access: 'read' | 'written'): SnippetError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined || !(code in UNUSABLE)) return undefined;
  return new SnippetError(`the delivery state folder ${STATE_DIR}/ cannot be ${access} (${code}: ${UNUSABLE[code]})`, {
    file: label,
    hint: `Run snippet as the user that owns ${STATE_DIR}/ (the one cron runs it as), or give that user the folder, e.g. \`sudo chown -R "$USER" ${STATE_DIR}\`. It holds the ledgers of who has been sent what: never delete it to get round this.`,
  });
}
