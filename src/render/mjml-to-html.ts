import type Mjml2Html from 'mjml';
import type { Problem } from '../errors.js';
import type { CompiledTemplates } from './compile-templates.js';
import { LAYOUT_FILE } from './compile-templates.js';
import { templateError } from './template-problem.js';

interface MjmlValidationError {
  line: number;
  message: string;
  tagName: string;
}

/**
 * MJML → email HTML, strictly validated: an invalid document is refused, and
 * each validation error is traced back to the template line that wrote it.
 */
export async function mjmlToHtml(mjml: string, templates: Pick<CompiledTemplates, 'dir' | 'files'>): Promise<string> {
  const mjml2html = await loadMjml();
  try {
    const result = await mjml2html(mjml, {
      validationLevel: 'strict',
      keepComments: false,
      // No web fonts (the templates use system fonts) and no mj-include: a
      // template must not pull in files from outside the templates folder.
      fonts: {},
      ignoreIncludes: true,
    });
    return result.html;
  } catch (error) {
    const errors = (error as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) {
      const message = error instanceof Error ? error.message : String(error);
      throw templateError([{ severity: 'error', file: `${templates.dir}/${LAYOUT_FILE}`, message: `MJML could not read the email: ${message}` }], error);
    }
    const generated = mjml.split('\n');
    const problems = (errors as MjmlValidationError[]).map((item): Problem => {
      const origin = traceLine(generated[item.line - 1] ?? '', item.tagName, templates.files);
      return {
        severity: 'error',
        file: `${templates.dir}/${origin?.file ?? LAYOUT_FILE}`,
        ...(origin ? { line: origin.line } : {}),
        message: `MJML: ${item.message}${origin ? '' : ` (line ${item.line} of the generated MJML)`}`,
        hint: 'See https://documentation.mjml.io for the attributes and children each mj- tag allows.',
      };
    });
    throw templateError(problems, error);
  }
}

/**
 * Loaded on first use: MJML and its minifier cost about 55 MB, which a
 * process that only imports this module (send renders in a child) must not
 * pay. Node loads it once; later calls wait for the same load.
 */
async function loadMjml(): Promise<typeof Mjml2Html> {
  return (await import('mjml')).default;
}

/**
 * Starts loading MJML now, for a process that will render soon (the render
 * child, while the sender reads the workspace). A failure to load is left for
 * the render, whose own load then says what went wrong.
 */
export function preloadMjml(): void {
  loadMjml().catch(() => undefined);
}

/**
 * Finds the template line that produced a line of MJML: the first line with
 * the same tag whose text, with each {{…}} standing for anything, matches.
 */
function traceLine(generated: string, tagName: string, files: ReadonlyMap<string, string>): { file: string; line: number } | undefined {
  const target = generated.trim();
  for (const [file, source] of files) {
    if (!file.endsWith('.mjml.hbs')) continue;
    const lines = source.split('\n');
    for (const [index, text] of lines.entries()) {
      const line = text.trim();
      if (!line.includes(`<${tagName}`)) continue;
      const pattern = line
        .split(/\{\{\{?[^}]*\}?\}\}/u)
        .map(escapeRegExp)
        .join('[\\s\\S]*?');
      if (new RegExp(`^${pattern}$`, 'u').test(target)) return { file, line: index + 1 };
    }
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
