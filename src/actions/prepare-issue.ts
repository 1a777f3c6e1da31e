import type { Config } from '../config/config.js';
import { hasErrors, problemsOf, SnippetError, sortProblems, type Problem } from '../errors.js';
import type { Issue, IssueId } from '../issue/issue.js';
import { checkSpotlightRotation } from '../organisations/check-spotlight-rotation.js';
import { issueFile } from '../issue/issue-id.js';
import { issueSendAt } from '../issue/send-time.js';
import { validateIssue } from '../issue/validate-issue.js';
import { renderInProcess, type IssueRenderer } from '../render/issue-renderer.js';
import type { RenderedIssue } from '../render/render-issue.js';
import { loadWorkspace, selectIssue, type Workspace } from '../workspace/load-workspace.js';
import { ParseMemo } from '../workspace/parse-memo.js';
import { preferPlaceholders } from '../workspace/placeholders.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import type { WorkspaceFiles } from '../workspace/workspace-files.js';
import { spotlightHistory } from '../organisations/spotlight-history.js';

/**
 * The files' parses, kept for the next call in this process: the desk
 * prepares the issue on every keystroke and save, and only the file that
 * changed is parsed again (its text is the key, so a hand edit is seen at once).
 */
const PARSED = new ParseMemo();

/**
 * The config's defaults, for checking an issue while the config has errors.
 * The default send day is the month's earliest, so a deadline it finds
 * passed is passed on any schedule.
 */
const CHECK_DEFAULTS = { timeZone: 'Europe/London', schedule: { sendDay: 'first-working-day', sendTime: '09:00' }, repeatMonths: 12 } as const;

export interface PreparedIssue {
  workspace: Workspace;
  /** Undefined when the issue or the config has errors. */
  issue: Issue | undefined;
  config: Config | undefined;
  sendAt: Date | undefined;
  /** Undefined when anything had errors. */
  rendered: RenderedIssue | undefined;
  /** Every problem of the workspace and the issue, sorted by file and line. */
  problems: Problem[];
}

/**
 * The pipeline every command shares: read the workspace, parse it, validate
 * the issue against it, then render it once. Problems are collected, never
 * thrown, so that `check` can show them all; `requireIssue` turns them into
 * an error for commands that cannot go on. `render` is in this process unless
 * the caller (send) keeps rendering's memory out of it with childRenderer().
 */
export async function prepareIssue(dir: string, id: IssueId | undefined, render: IssueRenderer = renderInProcess): Promise<PreparedIssue> {
  return prepareIssueFrom(await readWorkspaceFiles(dir), dir, id, render);
}

/**
 * The same pipeline on files already read: the desk checks the text being
 * typed, not yet saved, this way. `render` null checks without rendering.
 */
export async function prepareIssueFrom(files: WorkspaceFiles, dir: string, id: IssueId | undefined, render: IssueRenderer | null): Promise<PreparedIssue> {
  return prepareIssueIn(loadWorkspaceKept(files), dir, id, render);
}

/** The workspace parsed from files already read, with the parses kept between calls (as prepareIssueFrom does). */
export function loadWorkspaceKept(files: WorkspaceFiles): Workspace {
  return loadWorkspace(files, PARSED);
}

/** The same pipeline on a workspace already loaded: the desk's list of issues prepares every issue of one load. */
export async function prepareIssueIn(workspace: Workspace, dir: string, id: IssueId | undefined, render: IssueRenderer | null): Promise<PreparedIssue> {
  const problems = [...workspace.problems];
  const selected = selectIssue(workspace, id);
  if (!selected) {
    const missing = id === undefined ? 'the workspace has no issues yet' : `there is no issue ${id} (${issueFile(id)} does not exist)`;
    problems.push({ severity: 'error', file: id === undefined ? 'issues/' : issueFile(id), message: missing, hint: 'Run `snippet new` to start one.' });
    throw new SnippetError(missing, { problems: sortProblems(problems) });
  }
  problems.push(...selected.problems);
  const { config } = workspace;
  const issue = selected.issue;
  let sendAt: Date | undefined;
  // An issue with schema errors is still checked on its right fields, and an
  // issue in a workspace whose config has errors against the defaults, so
  // every problem shows at once.
  const checkable = issue ?? selected.salvaged;
  if (checkable) {
    const settings = config ? { timeZone: config.timeZone, schedule: config.schedule, repeatMonths: config.spotlight.repeatMonths } : CHECK_DEFAULTS;
    const checkSendAt = issueSendAt(checkable, settings.timeZone, settings.schedule);
    if (issue && config) sendAt = checkSendAt;
    const knownLists = new Set(workspace.members.flatMap((m) => m.lists));
    problems.push(
      ...validateIssue(checkable, selected.lineOf, { organisations: workspace.organisations, timeZone: settings.timeZone, sendAt: checkSendAt, knownLists }),
    );
    problems.push(
      ...checkSpotlightRotation(checkable, selected.lineOf, {
        organisations: workspace.organisations,
        history: spotlightHistory(workspace.issues),
        repeatMonths: settings.repeatMonths,
      }),
    );
  }

  let rendered: RenderedIssue | undefined;
  if (render && issue && config && sendAt && !hasErrors(problems)) {
    try {
      rendered = await render({ dir, issue, config, organisations: workspace.organisations, sendAt });
      problems.push(...rendered.problems);
    } catch (error) {
      if (!(error instanceof SnippetError)) throw error;
      problems.push(...problemsOf(error, 'templates'));
    }
  }
  const placeholders = [...workspace.placeholders, ...selected.placeholders];
  return { workspace, issue, config, sendAt, rendered, problems: sortProblems(preferPlaceholders(problems, placeholders)) };
}

/** For commands that need a valid, rendered issue: its parts, or an error carrying every problem. */
export interface ReadyIssue extends PreparedIssue {
  issue: Issue;
  config: Config;
  sendAt: Date;
  rendered: RenderedIssue;
}

export function requireRendered(prepared: PreparedIssue): ReadyIssue {
  const { issue, config, sendAt, rendered, problems } = prepared;
  if (!issue || !config || !sendAt || !rendered || hasErrors(problems)) {
    const count = problems.filter((p) => p.severity === 'error').length;
    throw new SnippetError(`${count} problem${count === 1 ? '' : 's'} must be fixed first`, {
      problems,
      hint: 'Fix them and run the command again; `snippet check` lists them.',
    });
  }
  return { ...prepared, issue, config, sendAt, rendered };
}
