import { isSnippetError } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import type { Output } from '../output.js';
import { formatZoned } from '../time/zoned-time.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import { prepareIssueFrom } from './prepare-issue.js';
import { statusCommand } from './status-command.js';

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

const SILENT: Output = { info: () => undefined, warn: () => undefined, problems: () => undefined, status: () => undefined, interactive: false };

/** Every issue, newest first, with its status, send time, problems and delivery summary. */
export async function listIssues(dir: string): Promise<IssueSummary[]> {
  const files = await readWorkspaceFiles(dir);
  const summaries: IssueSummary[] = [];
  for (const { id } of files.issues) {
    const prepared = await prepareIssueFrom(files, dir, id, null).catch((error: unknown) => {
      if (isSnippetError(error)) return undefined;
      throw error;
    });
    const zone = prepared?.config?.timeZone ?? 'Europe/London';
    const errors = prepared?.problems.filter((p) => p.severity === 'error').length ?? 1;
    const status = await statusCommand({ dir, issue: id, json: true }, SILENT).catch((error: unknown) => {
      if (isSnippetError(error)) return undefined;
      throw error;
    });
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
