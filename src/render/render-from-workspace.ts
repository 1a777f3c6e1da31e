import type { Config } from '../config/config.js';
import type { Issue } from '../issue/issue.js';
import type { Organisation } from '../organisations/organisation.js';
import { compileTemplates, type CompiledTemplates } from './compile-templates.js';
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

/**
 * The templates compiled last in this process, by their sources: Handlebars
 * compiles a template on its first use, which costs more than the rest of a
 * render, and the desk renders the same templates on every save. A changed
 * template file changes the key, so it is compiled again.
 */
let compiled: { key: string; templates: CompiledTemplates } | undefined;

/** The workspace's templates (or the built-in ones), compiled, then the issue rendered with them. */
export async function renderFromWorkspace({ dir, issue, config, organisations, sendAt }: IssueToRender): Promise<RenderedIssue> {
  const sources = await readTemplates(dir);
  const key = JSON.stringify([sources.dir, ...sources.files]);
  if (compiled?.key !== key) compiled = { key, templates: compileTemplates(sources) };
  return renderIssue({ issue, config, organisations, sendAt, templates: compiled.templates });
}
