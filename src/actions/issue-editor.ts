import { isMap, parseDocument } from 'yaml';
import { hasErrors, isSnippetError, problemsOf, SnippetError, type Problem } from '../errors.js';
import { editIssueText, type IssueEdits } from '../issue/edit-issue-text.js';
import type { IssueId } from '../issue/issue.js';
import { issueFieldLines } from '../issue/issue-field-lines.js';
import { splitFrontMatter } from '../issue/split-front-matter.js';
import { pickSpotlight } from '../organisations/pick-spotlight.js';
import { spotlightHistory } from '../organisations/spotlight-history.js';
import { formatZoned } from '../time/zoned-time.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import { prepareIssueFrom, type PreparedIssue } from './prepare-issue.js';
import { readIssueText, saveIssueText, type IssueText } from './issue-text.js';
import { issuePlan } from './issue-status.js';

/** The longest text the desk takes in one field: far beyond any real title or summary, well under the request bound. */
export const MAX_FIELD_LENGTH = 20_000;

/** A problem of `snippet check`, with the editor's name of the field it is about (undefined: the issue as a whole). */
export interface FieldProblem extends Problem {
  field: string | undefined;
}

/** What the editor shows: the file's fields as written, every problem beside its field, and what is left to do. */
export interface IssueDraft {
  id: IssueId;
  file: string;
  version: string;
  /** The front matter's values as written; undefined when it cannot be read (the problems say why). */
  front: Record<string, unknown> | undefined;
  intro: string;
  status: string | undefined;
  problems: FieldProblem[];
  todo: string[];
  organisations: Array<{ id: string; name: string }>;
  /** The rotation's pick for this month. */
  suggestion: { id: string; name: string; lastFeatured: string | undefined } | undefined;
  timeZone: string;
  /** When the schedule sends it, in the network's zone; undefined while the problems hide it. */
  sendAt: string | undefined;
  /** Where a test goes unless another address is typed: `coordinator.email` of the config, parsed once with the rest. */
  testAddress: string | undefined;
}

/** The issue as the editor opens it. */
export async function openIssue(dir: string, id: IssueId): Promise<IssueDraft> {
  return draftOf(dir, await readIssueText(dir, id));
}

/**
 * Every problem the edits would leave, as `snippet check` finds them, without
 * saving: the desk asks this as the coordinator types. Fields over the
 * desk's bound are answered beside the field and not checked further.
 */
export async function checkIssueEdits(dir: string, id: IssueId, edits: IssueEdits): Promise<{ problems: FieldProblem[]; todo: string[]; version: string }> {
  const current = await readIssueText(dir, id);
  const tooLong = oversizedFields(edits, current.file);
  if (tooLong.length > 0) return { problems: tooLong, todo: todoOf(tooLong, undefined), version: current.version };
  const draft = await draftOf(dir, { ...current, text: applyOrExplain(current, edits) });
  return { problems: draft.problems, todo: draft.todo, version: current.version };
}

/**
 * Saves the edits if the file is still at `version`: lines not edited stay
 * byte for byte. Throws IssueChangedError (nothing written) when it is not;
 * a field over the desk's bound is refused with the problem beside it.
 */
export async function saveIssueEdits(
  dir: string,
  id: IssueId,
  edits: IssueEdits,
  version: string,
  /** Told the new text just before it is written (the desk starts the email's preview from it meanwhile). */
  writing?: (text: string) => void,
): Promise<{ saved: true; version: string } | { saved: false; problems: FieldProblem[] }> {
  const current = await readIssueText(dir, id);
  const tooLong = oversizedFields(edits, current.file);
  if (tooLong.length > 0) return { saved: false, problems: tooLong };
  // A changed approved issue goes back to draft: what is sent is always what was approved.
  const approved = readFront(current.text).front?.status === 'approved';
  const text = applyOrExplain(current, approved ? { ...edits, fields: { ...edits.fields, status: 'draft' } } : edits);
  if (approved && text === applyOrExplain(current, { fields: { status: 'draft' } })) return { saved: true, version: current.version };
  // The page that follows opens the issue again: checking it here as well would only slow the save.
  writing?.(text);
  const saved = await saveIssueText(dir, id, text, version);
  return { saved: true, version: saved.version };
}

async function draftOf(dir: string, current: IssueText): Promise<IssueDraft> {
  return (await preparedDraft(dir, current)).draft;
}

/** The draft, and the workspace it was checked against (undefined when the issue could not be prepared). */
async function preparedDraft(dir: string, current: IssueText): Promise<{ draft: IssueDraft; prepared: PreparedIssue | undefined }> {
  const files = await readWorkspaceFiles(dir);
  const issues = files.issues.map((entry) => (entry.id === current.id ? { id: entry.id, text: current.text } : entry));
  let prepared: PreparedIssue | undefined;
  let problems: Problem[];
  try {
    prepared = await prepareIssueFrom({ ...files, issues }, dir, current.id, null);
    problems = prepared.problems;
  } catch (error) {
    if (!isSnippetError(error)) throw error;
    problems = problemsOf(error, current.file);
  }
  const fieldOf = issueFieldLines(current.text);
  const fieldProblems = problems.map((problem) => ({
    ...problem,
    field: problem.file === current.file && problem.line !== undefined ? fieldOf(problem.line) : undefined,
  }));
  const { front, intro } = readFront(current.text);
  const workspace = prepared?.workspace;
  const pick = workspace ? pickSpotlight(workspace.organisations, spotlightHistory(workspace.issues), current.id) : undefined;
  const draft: IssueDraft = {
    id: current.id,
    file: current.file,
    version: current.version,
    front,
    intro,
    status: typeof front?.status === 'string' ? front.status : undefined,
    problems: fieldProblems,
    todo: todoOf(fieldProblems, front),
    organisations: (workspace?.organisations ?? []).map((o) => ({ id: o.id, name: o.name })),
    suggestion: pick ? { id: pick.organisation.id, name: pick.organisation.name, lastFeatured: pick.lastFeatured } : undefined,
    timeZone: workspace?.config?.timeZone ?? 'Europe/London',
    sendAt: prepared?.sendAt && workspace?.config ? `${formatZoned(prepared.sendAt, workspace.config.timeZone)} (${workspace.config.timeZone})` : undefined,
    testAddress: workspace?.config?.coordinator?.email,
  };
  return { draft, prepared };
}

/** The edits applied, or the reason they cannot be (the front matter does not read) as an error for the page. */
function applyOrExplain(current: IssueText, edits: IssueEdits): string {
  try {
    return editIssueText(current.text, edits);
  } catch (error) {
    const { front } = readFront(current.text);
    if (front !== undefined) throw error;
    throw new SnippetError(`${current.file} cannot be read as an issue, so the desk cannot change it`, {
      file: current.file,
      hint: 'Open it in a text editor and fix the problems listed; `snippet check` shows them with their lines.',
    });
  }
}

function readFront(text: string): { front: Record<string, unknown> | undefined; intro: string } {
  const parts = splitFrontMatter(text);
  if (!parts) return { front: undefined, intro: text.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n') };
  const doc = parseDocument(parts.yaml, { schema: 'core', uniqueKeys: true });
  const intro = parts.body.trim();
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { front: undefined, intro };
  return { front: doc.toJS() as Record<string, unknown>, intro };
}

function oversizedFields(edits: IssueEdits, file: string): FieldProblem[] {
  const problem = (field: string, length: number): FieldProblem => ({
    severity: 'error',
    file,
    field,
    message: `this is ${length.toLocaleString('en-GB')} characters long; the desk takes at most ${MAX_FIELD_LENGTH.toLocaleString('en-GB')} in one field`,
    hint: 'Shorten it; a long text belongs on the web page the link opens. Nothing was saved.',
  });
  const found: FieldProblem[] = [];
  for (const [key, value] of Object.entries(edits.fields ?? {})) if (value.length > MAX_FIELD_LENGTH) found.push(problem(key, value.length));
  if (edits.intro !== undefined && edits.intro.length > MAX_FIELD_LENGTH * 5) found.push(problem('intro', edits.intro.length));
  for (const [section, items] of Object.entries(edits.sections ?? {})) {
    items.forEach((item, index) => {
      for (const [key, value] of Object.entries(item.fields))
        if (value.length > MAX_FIELD_LENGTH) found.push(problem(`${section}.${index}.${key}`, value.length));
    });
  }
  return found;
}

/** What is left before the issue can go, in plain words. */
function todoOf(problems: readonly FieldProblem[], front: Record<string, unknown> | undefined): string[] {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const todo: string[] = [];
  if (errors > 0) todo.push(`Fix ${errors} problem${errors === 1 ? '' : 's'} marked “error”: the issue cannot be approved or sent until they are fixed.`);
  if (warnings > 0) todo.push(`Look at ${warnings} warning${warnings === 1 ? '' : 's'}: they do not stop the issue, but may need a change.`);
  if (front?.status !== 'approved') todo.push(hasErrors(problems) ? 'Then send yourself a test and approve it.' : 'Send yourself a test, then approve it.');
  else todo.push('Approved: the schedule will send it. Change anything and it needs approving again.');
  return todo;
}

/**
 * Sets `status: approved` if `snippet check` finds no errors in the file as
 * it is at `version`, and answers when it goes and to how many; otherwise
 * the draft with its problems, and nothing is written.
 */
export async function approveIssue(
  dir: string,
  id: IssueId,
  version: string,
): Promise<{ approved: true; sendAt: string | undefined; audience: number } | { approved: false; draft: IssueDraft }> {
  const current = await readIssueText(dir, id);
  const { draft, prepared } = await preparedDraft(dir, current);
  if (current.version !== version || hasErrors(draft.problems) || !prepared) return { approved: false, draft };
  await saveIssueText(dir, id, applyOrExplain(current, { fields: { status: 'approved' } }), version);
  // The status line is all that changed, and neither the send time nor the audience depends on it: nothing is read again.
  // The audience is counted as `snippet status` counts it, from the workspace just checked.
  return { approved: true, sendAt: draft.sendAt, audience: issuePlan(prepared.workspace, id).audience };
}
