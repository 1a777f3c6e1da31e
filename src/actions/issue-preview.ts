import { hasErrors, isSnippetError } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import { prepareIssue } from './prepare-issue.js';
import { composeSampleMessage } from './sample-message.js';

/** The email as the sample member gets it, or why it cannot be shown yet. */
export type IssuePreview = { html: string; text: string; subject: string } | { html: undefined; errors: number };

/** The saved issue rendered as `snippet preview` shows it (the same pipeline and sample member). */
export async function previewIssue(dir: string, id: IssueId, unsubscribeSecret: string | undefined): Promise<IssuePreview> {
  try {
    const prepared = await prepareIssue(dir, id);
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
