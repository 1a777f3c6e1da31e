import { createHash } from 'node:crypto';
import { hasErrors, isSnippetError } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import { renderInProcess } from '../render/issue-renderer.js';
import { readTemplates } from '../render/read-templates.js';
import { readWorkspaceFiles } from '../workspace/read-workspace-files.js';
import type { WorkspaceFiles } from '../workspace/workspace-files.js';
import { prepareIssueFrom } from './prepare-issue.js';
import { composeSampleMessage } from './sample-message.js';

/** The email as the sample member gets it, or why it cannot be shown yet. */
export type IssuePreview = { html: string; text: string; subject: string } | { html: undefined; errors: number };

/** How long a preview is given again for the same files: the desk asks for it right after a save, and again as the email's frame loads. */
const FRESH_MS = 10_000;

let last: { key: string; at: number; preview: Promise<IssuePreview> } | undefined;

/**
 * The saved issue rendered as `snippet preview` shows it (the same pipeline
 * and sample member). The desk starts it with the text a save is writing
 * (`text`, the issue's file as it will be), while the file is written and the
 * browser is told; the email's frame then gets the same render, if every file
 * read is byte for byte the same (the key is a hash of them all, the templates
 * included: a save refused leaves a key no file matches) and it is a few
 * seconds old at most.
 */
export async function previewIssue(dir: string, id: IssueId, unsubscribeSecret: string | undefined, text?: string): Promise<IssuePreview> {
  let files: WorkspaceFiles;
  try {
    files = await readWorkspaceFiles(dir);
    if (text !== undefined) files = { ...files, issues: files.issues.map((entry) => (entry.id === id ? { id, text } : entry)) };
  } catch (error) {
    if (isSnippetError(error)) return { html: undefined, errors: Math.max(1, error.problems.length) };
    throw error;
  }
  const templates = await readTemplates(dir).catch(() => undefined);
  const key = createHash('sha256')
    .update(JSON.stringify([dir, id, unsubscribeSecret ?? null, files, templates ? [templates.dir, ...templates.files] : null]))
    .digest('hex');
  const now = Date.now();
  if (last && last.key === key && now - last.at <= FRESH_MS) return last.preview;
  const preview = render(files, dir, id, unsubscribeSecret);
  last = { key, at: now, preview };
  return preview;
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
