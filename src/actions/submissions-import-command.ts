import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { CONFIG_FILE } from '../config/config.js';
import { hasErrors, SnippetError, sortProblems, type Problem } from '../errors.js';
import { issueVersion, saveIssueText } from '../fs/issue-text.js';
import type { IssueId } from '../issue/issue.js';
import { issueFile } from '../issue/issue-id.js';
import { issueSendAt } from '../issue/send-time.js';
import { ORGANISATIONS_FILE } from '../organisations/organisation.js';
import { existingItems } from '../submissions/existing-items.js';
import type { FormTable } from '../submissions/form-table.js';
import { insertItems } from '../submissions/insert-items.js';
import { mapColumns } from '../submissions/map-columns.js';
import { planSubmissions } from '../submissions/plan-submissions.js';
import { readCsvTable } from '../submissions/read-csv-table.js';
import { readXlsxTable } from '../submissions/read-xlsx-table.js';
import { responseToItem } from '../submissions/response-to-item.js';
import { selectDraft } from '../submissions/select-draft.js';
import { loadWorkspace } from '../workspace/load-workspace.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import type { Output } from '../output.js';
import { reportSubmissions } from './submissions-import-report.js';

export interface SubmissionsImportOptions {
  dir: string;
  /** The form export, absolute, for reading. */
  file: string;
  /** The export as the coordinator typed it, for messages. */
  label: string;
  /** Default: the next issue to be sent that is still a draft. */
  issue: IssueId | undefined;
  dryRun: boolean;
}

export interface SubmissionsImportResult {
  issue: IssueId;
  added: number;
  duplicates: number;
  rejected: number;
  written: boolean;
}

/**
 * `snippet submissions import FILE [ISSUE]`: read the form export, plan which
 * responses become items (pure: checked as typed items, duplicates skipped),
 * insert them into the draft's text in place, and write it in one atomic
 * step, or stop there with --dry-run. An approved issue is never changed.
 */
export async function submissionsImportCommand(options: SubmissionsImportOptions, out: Output): Promise<SubmissionsImportResult> {
  const table = await readFormExport(options.file, options.label);
  if (hasErrors(table.problems))
    throw new SnippetError(`nothing imported: ${options.label} cannot be read as a form export`, { problems: sortProblems(table.problems) });

  const files = await readWorkspaceFiles(options.dir);
  const workspace = loadWorkspace(files);
  const blocking = workspace.problems.filter((p) => p.severity === 'error' && (p.file === CONFIG_FILE || p.file === ORGANISATIONS_FILE));
  if (!workspace.config || blocking.length > 0) throw new SnippetError('nothing imported: fix the workspace first', { problems: sortProblems(blocking) });
  const { config, organisations } = workspace;

  const columns = mapColumns(table.header, config.submissions.columns, options.label);
  if (hasErrors(columns.problems))
    throw new SnippetError(`nothing imported: the columns of ${options.label} do not match the form's questions`, { problems: sortProblems(columns.problems) });

  const target = selectDraft(workspace.issues, options.issue);
  const file = issueFile(target.id);
  if (!target.issue)
    throw new SnippetError(`nothing imported: fix ${file} first`, {
      problems: target.problems,
      hint: '`snippet check` lists its problems; the responses are added once it reads cleanly.',
    });
  if (target.issue.status === 'approved') {
    throw new SnippetError(`${file} is approved, and an approved issue is never changed`, {
      hint: `Content changes need a new approval. Import into the next draft (snippet submissions import ${options.label} YYYY-MM), or set "status: draft" in ${file}, import, check it and approve it again.`,
    });
  }

  const unchecked: Problem[] = workspace.issues
    .filter((entry) => entry.id !== target.id && entry.issue === undefined)
    .map((entry) => ({
      severity: 'warning',
      file: issueFile(entry.id),
      message: 'the file has errors, so its items were not compared with the responses',
      hint: '`snippet check ' + entry.id + '` lists them.',
    }));
  const responses = table.rows.map((row) => responseToItem(row, columns.map, { file: options.label, organisations }));
  const plan = planSubmissions(
    responses,
    existingItems(workspace.issues),
    { id: target.id, context: { organisations, timeZone: config.timeZone, sendAt: issueSendAt(target.issue, config.timeZone, config.schedule) } },
    options.label,
  );

  // Read, since it parsed into target.issue.
  const before = files.issues.find((entry) => entry.id === target.id)!.text!;
  const after = insertItems(before, plan.added, file, target.id);
  out.problems(sortProblems([...table.problems, ...columns.problems, ...unchecked]));
  reportSubmissions(plan, { file, source: options.label, issue: target.id, dryRun: options.dryRun }, out);

  const result = { issue: target.id, added: plan.added.length, duplicates: plan.duplicates.length, rejected: plan.rejected.length };
  if (options.dryRun || plan.added.length === 0) return { ...result, written: false };
  // An editor may have saved the draft meanwhile: its text is never overwritten unseen.
  await saveIssueText(options.dir, file, after, issueVersion(before), {
    changedHint: 'It was saved while the responses were read, and nothing was imported. Save your edits and run the import again.',
  });
  return { ...result, written: true };
}

/** `.xlsx` by its name or its zip signature; anything else is read as CSV. */
async function readFormExport(path: string, label: string): Promise<FormTable> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'it is a folder' : (error.code ?? error.message);
    throw new SnippetError(`cannot read ${label}: ${why}`, { hint: 'Give the path of the downloaded responses: the .xlsx from Microsoft Forms, or a CSV.' });
  });
  const extension = extname(path).toLowerCase();
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  // The old binary Excel format (.xls) starts with the OLE signature D0 CF 11 E0.
  if (extension === '.xls' || (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)) {
    throw new SnippetError(`${label} is an old Excel workbook (.xls), which cannot be read`, {
      hint: 'Open it in Excel and save it as .xlsx ("Excel Workbook") or "CSV UTF-8".',
    });
  }
  if (extension === '.xlsx' || zip) return readXlsxTable(bytes, label);
  return readCsvTable(bytes, label);
}
