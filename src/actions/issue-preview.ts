import { join } from 'node:path';
import { hasErrors, isSnippetError } from '../errors.js';
import { ABSENT, FileFingerprints, fingerprintOf } from '../fs/file-fingerprints.js';
import type { IssueId } from '../issue/issue.js';
import { issueFile } from '../issue/issue-id.js';
import { renderInProcess } from '../render/issue-renderer.js';
import { listTemplates } from '../render/read-templates.js';
import { readWorkspaceFiles, workspaceFileNames } from '../workspace/read-workspace-files.js';
import type { WorkspaceFiles } from '../workspace/workspace-files.js';
import { prepareIssueFrom } from './prepare-issue.js';
import { composeSampleMessage } from './sample-message.js';

/** The email as the sample member gets it, or why it cannot be shown yet. */
export type IssuePreview = { html: string; text: string; subject: string } | { html: undefined; errors: number };

/** How long a preview is given again for the same files: the desk asks for it right after a save, and again as the email's frame loads. */
const FRESH_MS = 10_000;

let last: { key: string; at: number; preview: Promise<IssuePreview> } | undefined;

/** The files' fingerprints, kept between previews: a file is read again only when its stat changed. */
const FINGERPRINTS = new FileFingerprints();

/**
 * The saved issue rendered as `snippet preview` shows it (the same pipeline
 * and sample member). The desk starts it with the text a save is writing
 * (`text`, the issue's file as it will be), while the file is written and the
 * browser is told; the email's frame then gets the same render, if every file
 * the render reads (the workspace's and the templates, by name and contents)
 * is the same and it is a few seconds old at most. A save refused leaves a
 * key no file matches; an edit made outside the desk changes its file's stat,
 * so that file is read again and the key changes.
 */
export async function previewIssue(dir: string, id: IssueId, unsubscribeSecret: string | undefined, text?: string): Promise<IssuePreview> {
  const key = await previewKey(dir, id, unsubscribeSecret, text);
  const now = Date.now();
  if (key !== undefined && last && last.key === key && now - last.at <= FRESH_MS) return last.preview;
  const preview = readAndRender(dir, id, unsubscribeSecret, text);
  last = key === undefined ? undefined : { key, at: now, preview };
  return preview;
}

/**
 * What the preview is made from, without reading what did not change: the
 * names of the files the render reads and their contents' fingerprints, the
 * issue's as `text` when a save is writing it. Undefined when a file cannot
 * be looked at: the render says why, and nothing is kept.
 */
async function previewKey(dir: string, id: IssueId, unsubscribeSecret: string | undefined, text: string | undefined): Promise<string | undefined> {
  try {
    const saving = issueFile(id);
    // As in the render, `text` stands for the issue's file only where there is one.
    const names = await workspaceFileNames(dir);
    const workspace = await Promise.all(
      names.map(async (name) => [name, name === saving && text !== undefined ? fingerprintOf(text) : await FINGERPRINTS.of(join(dir, name))]),
    );
    const templates = await listTemplates(dir);
    const fingerprints = await Promise.all(templates.names.map(async (name) => [name, await FINGERPRINTS.of(join(templates.root, name))]));
    // A template gone between the listing and the look is a change the render will meet.
    if (fingerprints.some(([, fingerprint]) => fingerprint === ABSENT)) return undefined;
    return fingerprintOf(JSON.stringify([dir, id, unsubscribeSecret ?? null, workspace, templates.dir, fingerprints]));
  } catch {
    return undefined;
  }
}

async function readAndRender(dir: string, id: IssueId, unsubscribeSecret: string | undefined, text: string | undefined): Promise<IssuePreview> {
  let files: WorkspaceFiles;
  try {
    files = await readWorkspaceFiles(dir);
    if (text !== undefined) files = { ...files, issues: files.issues.map((entry) => (entry.id === id ? { id, text } : entry)) };
  } catch (error) {
    if (isSnippetError(error)) return { html: undefined, errors: Math.max(1, error.problems.length) };
    throw error;
  }
  return render(files, dir, id, unsubscribeSecret);
}

async function render(files: WorkspaceFiles, dir: string, id: IssueId, unsubscribeSecret: string | undefined): Promise<IssuePreview> {
  try {
    const prepared = await prepareIssueFrom(files, dir, id, renderInProcess);
    const { issue, config, sendAt, rendered, problems } = prepared;
    if (!issue || !config || !sendAt || !rendered || hasErrors(problems))
      return { html: undefined, errors: problems.filter((p) => p.severity === 'error').length };
    const message = composeSampleMessage({ ...prepared, issue, config, sendAt, rendered }, { unsubscribeSecret, now: new Date() });
    return { html: message.html, text: message.text, subject: message.subject };
  } catch (error) {
    if (isSnippetError(error)) return { html: undefined, errors: Math.max(1, error.problems.length) };
    throw error;
  }
}
