import type { Config } from '../config/config.js';
import type { Problem } from '../errors.js';
import type { Issue } from '../issue/issue.js';
import type { Organisation } from '../organisations/organisation.js';
import { buildIssueView } from './build-issue-view.js';
import type { CompiledTemplates } from './compile-templates.js';
import { mjmlToHtml } from './mjml-to-html.js';
import { wrapText } from './wrap-text.js';

export interface RenderInput {
  issue: Issue;
  config: Config;
  organisations: readonly Organisation[];
  /** When the issue goes out: decides what is "closing soon". */
  sendAt: Date;
  templates: CompiledTemplates;
}

/**
 * One issue, rendered once for every recipient. `html` and `text` still hold
 * the recipient placeholders; personalise() fills them in per member.
 */
export interface RenderedIssue {
  subject: string;
  preheader: string;
  html: string;
  text: string;
  /** Warnings about content the email cannot show well. */
  problems: Problem[];
}

/**
 * The rendering pipeline, top to bottom. Pure apart from MJML's own work: it
 * reads no files, no environment and no working directory. Template and MJML
 * errors are thrown as a SnippetError naming the template file and line.
 */
export async function renderIssue(input: RenderInput): Promise<RenderedIssue> {
  // 1. Issue → view: Markdown made safe, items sorted, dates written out,
  //    organisations resolved, placeholder look-alikes removed from content.
  const { view, problems } = buildIssueView(input);

  // 2. View → MJML (Handlebars, HTML-escaped) → email HTML.
  const mjml = input.templates.mjml(view);
  const html = await mjmlToHtml(mjml, input.templates);

  // 3. View → plain text (Handlebars, not escaped: it is not HTML), wrapped.
  const text = wrapText(input.templates.text(view));

  return { subject: view.subject, preheader: view.preheader, html, text, problems };
}
