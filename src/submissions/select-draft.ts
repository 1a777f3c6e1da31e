import { SnippetError } from '../errors.js';
import type { Issue, IssueId } from '../issue/issue.js';
import { issueFile } from '../issue/issue-id.js';

/**
 * Pure: the issue a form's responses go to. Named, it is that issue;
 * otherwise the next issue to be sent that is still a draft: the first one
 * after the latest approved issue (drafts left behind before it were never
 * sent and are not coming back). A file with errors there is returned too,
 * for the caller to refuse with its problems rather than skip past it.
 */
export function selectDraft<T extends { id: IssueId; issue: Issue | undefined }>(issues: readonly T[], id: IssueId | undefined): T {
  const sorted = [...issues].sort((a, b) => a.id.localeCompare(b.id));
  if (id !== undefined) {
    const named = sorted.find((entry) => entry.id === id);
    if (!named)
      throw new SnippetError(`there is no issue ${id} (${issueFile(id)} does not exist)`, {
        hint: `Run \`snippet new ${id}\` to start it, then import again.`,
      });
    return named;
  }
  const lastApproved = sorted.filter((entry) => entry.issue?.status === 'approved').at(-1)?.id ?? '';
  const next = sorted.find((entry) => entry.id > lastApproved && entry.issue?.status !== 'approved');
  if (!next) {
    throw new SnippetError(
      lastApproved ? `there is no draft after ${lastApproved}, the latest approved issue, to add the responses to` : 'the workspace has no issues yet',
      {
        hint: 'Run `snippet new` to start the next issue, then import again.',
      },
    );
  }
  return next;
}
