import type { Config } from '../config/config.js';
import type { Issue } from '../issue/issue.js';
import type { Organisation } from '../organisations/organisation.js';
import type { RenderedIssue } from './render-issue.js';

/** What rendering an issue of a workspace needs: the templates are read from `dir`. */
export interface IssueToRender {
  /** The workspace folder. */
  dir: string;
  issue: Issue;
  config: Config;
  organisations: readonly Organisation[];
  sendAt: Date;
}

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
