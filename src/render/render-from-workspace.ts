import type { Config } from '../config/config.js';
import type { Issue } from '../issue/issue.js';
import type { Organisation } from '../organisations/organisation.js';
import { compileTemplates } from './compile-templates.js';
import { readTemplates } from './read-templates.js';
import { renderIssue, type RenderedIssue } from './render-issue.js';

/** What rendering an issue of a workspace needs: the templates are read from `dir`. */
export interface IssueToRender {
  /** The workspace folder. */
  dir: string;
  issue: Issue;
  config: Config;
  organisations: readonly Organisation[];
  sendAt: Date;
}

/** The workspace's templates (or the built-in ones), compiled, then the issue rendered with them. */
export async function renderFromWorkspace({ dir, issue, config, organisations, sendAt }: IssueToRender): Promise<RenderedIssue> {
  const templates = compileTemplates(await readTemplates(dir));
  return renderIssue({ issue, config, organisations, sendAt, templates });
}
