import { isSnippetError } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import { readBounceRows } from '../mailbox/bounces-file.js';
import { formatZoned } from '../time/zoned-time.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import { issueStatus, readIssueLedgers } from './issue-status.js';
import { loadWorkspaceKept, prepareIssueIn } from './prepare-issue.js';

/** One line of the list of issues. */
export interface IssueSummary {
  id: IssueId;
  subject: string | undefined;
  status: string | undefined;
  /** When the schedule sends it, in the network's zone, e.g. `2026-12-01 09:00 Europe/London`. */
  sendAt: string | undefined;
  errors: number;
  warnings: number;
  /** What the ledger says; undefined before anything was sent. */
  delivery: { audience: number; delivered: number; deferred: number; failed: number; inDoubt: number; suppressed: number } | undefined;
}

/**
 * Every issue, newest first, with its status, send time, problems and
 * delivery summary. The workspace is read and parsed once for them all
 * (each issue's ledgers are its own), and each delivery summary comes from
 * issueStatus, as `snippet status` does.
 */
export async function listIssues(dir: string): Promise<IssueSummary[]> {
  const files = await readWorkspaceFiles(dir);
  const workspace = loadWorkspaceKept(files);
  // An unreadable bounces.csv leaves the summaries without delivery, as an unreadable ledger does; `snippet status` says why.
  const bounces = await readBounceRows(dir).catch(unlessSnippetError);
  const summaries: IssueSummary[] = [];
  for (const { id } of files.issues) {
    const prepared = await prepareIssueIn(workspace, dir, id, null).catch(unlessSnippetError);
    const zone = prepared?.config?.timeZone ?? 'Europe/London';
    const errors = prepared?.problems.filter((p) => p.severity === 'error').length ?? 1;
    const ledgers = bounces && (await readIssueLedgers(dir, id).catch(unlessSnippetError));
    const status = bounces && ledgers && issueStatus(workspace, id, ledgers, bounces);
    const sent = status && (status.runs.length > 0 || status.delivered > 0);
    summaries.push({
      id,
      subject: prepared?.issue?.subject,
      status: prepared?.issue?.status,
      sendAt: prepared?.sendAt ? `${formatZoned(prepared.sendAt, zone)} ${zone}` : undefined,
      errors,
      warnings: (prepared?.problems.length ?? 0) - errors,
      delivery: sent
        ? {
            audience: status.audience,
            delivered: status.delivered,
            deferred: status.deferred.length,
            failed: status.failed.length,
            inDoubt: status.inDoubt.length,
            suppressed: status.suppressed,
          }
        : undefined,
    });
  }
  return summaries.reverse();
}

/** A problem the user must fix becomes "not known" in the list; anything else is a bug and is thrown. */
function unlessSnippetError(error: unknown): undefined {
  if (isSnippetError(error)) return undefined;
  throw error;
}
