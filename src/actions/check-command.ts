import { hasErrors, sortProblems } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import { CONFIG_FILE } from '../config/config.js';
import { ORGANISATIONS_FILE } from '../organisations/organisation.js';
import { profileAdvice } from '../organisations/profile-advice.js';
import type { Output } from '../output.js';
import { zonedDate } from '../time/zoned-time.js';
import { prepareIssue } from './prepare-issue.js';

export interface CheckOptions {
  dir: string;
  issue: IssueId | undefined;
  /** Today, for the age of directory profiles. */
  now: Date;
}

export interface CheckResult {
  issue: IssueId | undefined;
  errors: number;
  warnings: number;
}

/** `snippet check`: every problem of the issue and the workspace at once. */
export async function checkCommand(options: CheckOptions, out: Output): Promise<CheckResult> {
  const prepared = await prepareIssue(options.dir, options.issue);
  const { workspace } = prepared;
  if (workspace.config) {
    const today = zonedDate(options.now, workspace.config.timeZone);
    prepared.problems = sortProblems([
      ...prepared.problems,
      ...profileAdvice(workspace.organisations, workspace.organisationLine, workspace.config.areas, today, {
        organisations: ORGANISATIONS_FILE,
        config: CONFIG_FILE,
      }),
    ]);
  }
  const errors = prepared.problems.filter((p) => p.severity === 'error').length;
  const warnings = prepared.problems.length - errors;
  out.problems(prepared.problems);
  const id = prepared.issue?.id ?? options.issue ?? prepared.workspace.issues.at(-1)?.id;
  if (hasErrors(prepared.problems)) {
    out.warn(`${id}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}. Fix the errors before building or sending.`);
  } else {
    const sizeKb = prepared.rendered ? ` (HTML ${(Buffer.byteLength(prepared.rendered.html) / 1024).toFixed(1)} KB)` : '';
    out.info(`${id}: ok${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}${sizeKb}; status ${prepared.issue?.status}.`);
  }
  return { issue: id, errors, warnings };
}
