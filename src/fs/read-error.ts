import { SnippetError } from '../errors.js';

/** A failed read, as the user should hear of it. */
export function readError(error: NodeJS.ErrnoException, label: string): SnippetError {
  const why: Record<string, string> = {
    EISDIR: 'it is a folder, not a file',
    ENOTDIR: 'a folder on its path is a file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EIO: 'the disk reported an error',
  };
  return new SnippetError(`cannot read ${label}: ${why[error.code ?? ''] ?? error.code ?? error.message}`, {
    file: label,
    hint: 'Check that the workspace has the usual layout (snippet.config.yaml, issues/, contacts/, templates/) and that you may read it.',
  });
}
