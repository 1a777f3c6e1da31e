import type { IssueToRender } from './render-from-workspace.js';
import type { RenderedIssue } from './render-issue.js';

export type { IssueToRender };

/**
 * Reads the templates and renders the issue once. Template and MJML problems
 * are thrown as a SnippetError; anything else is a bug.
 */
export type IssueRenderer = (input: IssueToRender) => Promise<RenderedIssue>;

/**
 * In this process. The render modules (Handlebars, Markdown, MJML) are
 * loaded on the first call, so importing this costs nothing.
 */
export const renderInProcess: IssueRenderer = async (input) => {
  const { renderFromWorkspace } = await import('./render-from-workspace.js');
  return renderFromWorkspace(input);
};
