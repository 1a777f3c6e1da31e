import { compileTemplates } from './compile-templates.js';
import type { IssueToRender } from './issue-renderer.js';
import { readTemplates } from './read-templates.js';
import { renderIssue, type RenderedIssue } from './render-issue.js';

/** The workspace's templates (or the built-in ones), compiled, then the issue rendered with them. */
export async function renderFromWorkspace({ dir, issue, config, organisations, sendAt }: IssueToRender): Promise<RenderedIssue> {
  const templates = compileTemplates(await readTemplates(dir));
  return renderIssue({ issue, config, organisations, sendAt, templates });
}
