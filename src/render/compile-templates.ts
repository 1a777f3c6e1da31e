import Handlebars from 'handlebars';
import { SnippetError, type Problem } from '../errors.js';
import type { IssueView } from './issue-view.js';
import type { TemplateSources } from './read-templates.js';
import { registerTemplateHelpers } from './template-helpers.js';
import { templateError, templateProblem } from './template-problem.js';

export const LAYOUT_FILE = 'layout.mjml.hbs';
export const TEXT_FILE = 'text.hbs';
const HTML_PARTIAL = /^partials\/(.+)\.mjml\.hbs$/u;
const TEXT_PARTIAL = /^partials\/(.+)\.text\.hbs$/u;

export interface CompiledTemplates {
  /** As in TemplateSources, for messages. */
  dir: string;
  /** The sources, so MJML errors can be traced back to a template line. */
  files: ReadonlyMap<string, string>;
  /** The view → MJML. */
  mjml(view: IssueView): string;
  /** The view → the plain-text part (not HTML-escaped). */
  text(view: IssueView): string;
}

/**
 * Pure: template sources → render functions. `layout.mjml.hbs` with the
 * partials `partials/NAME.mjml.hbs` makes the MJML; `text.hbs` with
 * `partials/NAME.text.hbs` makes the plain text. Each side gets its own
 * Handlebars instance, so their partials and escaping never mix. Strict mode
 * turns a misspelt field into an error instead of a silent gap. Every syntax
 * error of every file is reported at once.
 */
export function compileTemplates(sources: TemplateSources): CompiledTemplates {
  const label = (relative: string): string => `${sources.dir}/${relative}`;
  const problems: Problem[] = [];
  for (const required of [LAYOUT_FILE, TEXT_FILE]) {
    if (!sources.files.has(required)) {
      problems.push({
        severity: 'error',
        file: label(required),
        message: 'this template is missing',
        hint: 'Copy it from the built-in templates, or delete the templates/ folder to use them all.',
      });
    }
  }

  const html = createInstance();
  const text = createInstance();
  const compile = (env: typeof Handlebars, relative: string, noEscape: boolean): Handlebars.TemplateDelegate | undefined => {
    const source = sources.files.get(relative) ?? '';
    const file = label(relative);
    try {
      // parse() is eager; compile() alone would only report errors on first use.
      const compiled = env.compile(env.parse(source), { strict: true, noEscape });
      return locate(compiled, file);
    } catch (error) {
      problems.push(templateProblem(error, file));
      return undefined;
    }
  };

  for (const relative of sources.files.keys()) {
    const htmlName = HTML_PARTIAL.exec(relative)?.[1];
    const textName = TEXT_PARTIAL.exec(relative)?.[1];
    if (htmlName !== undefined) register(html, htmlName, compile(html, relative, false));
    if (textName !== undefined) register(text, textName, compile(text, relative, true));
  }
  const layout = sources.files.has(LAYOUT_FILE) ? compile(html, LAYOUT_FILE, false) : undefined;
  const plain = sources.files.has(TEXT_FILE) ? compile(text, TEXT_FILE, true) : undefined;
  if (problems.length > 0 || layout === undefined || plain === undefined) throw templateError(problems);

  return { dir: sources.dir, files: sources.files, mjml: (view) => layout(view), text: (view) => plain(view) };
}

function createInstance(): typeof Handlebars {
  const env = Handlebars.create();
  registerTemplateHelpers(env);
  return env;
}

function register(env: typeof Handlebars, name: string, template: Handlebars.TemplateDelegate | undefined): void {
  if (template !== undefined) env.registerPartial(name, template);
}

/**
 * Errors raised while a template runs carry a line but not the file; the
 * innermost template (usually a partial) claims the error for itself on the
 * way out, and the templates that called it pass it on unchanged.
 */
function locate(template: Handlebars.TemplateDelegate, file: string): Handlebars.TemplateDelegate {
  return (context: unknown, options?: Handlebars.RuntimeOptions) => {
    try {
      return template(context, options);
    } catch (error) {
      if (error instanceof SnippetError) throw error;
      throw templateError([templateProblem(error, file)], error);
    }
  };
}
