import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SnippetError } from '../errors.js';

/** Template files as read, before compiling. */
export interface TemplateSources {
  /** Where they came from, for messages: `templates` in a workspace, or the built-in folder's absolute path. */
  dir: string;
  /** Path relative to `dir` with `/` separators (e.g. `partials/footer.mjml.hbs`) → contents. */
  files: Map<string, string>;
}

/** The repository's own `templates/`: `src/render/` and `dist/render/` both sit two levels below the root. */
export const BUILT_IN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/**
 * Reads `<workspaceDir>/templates/`, or the built-in templates when the
 * workspace has none. A workspace folder replaces the built-in one as a whole,
 * so a designer always sees every file that is used.
 */
export async function readTemplates(workspaceDir: string): Promise<TemplateSources> {
  const own = path.join(workspaceDir, 'templates');
  const useOwn = await isDirectory(own);
  const root = useOwn ? own : BUILT_IN_TEMPLATES;
  const files = new Map<string, string>();
  for (const relative of (await listFiles(root)).sort()) {
    files.set(relative, await readFile(path.join(root, relative), 'utf8'));
  }
  if (files.size === 0) {
    throw new SnippetError(`no templates found in ${root}`, { file: 'templates', hint: 'Delete the empty templates/ folder to use the built-in templates.' });
  }
  return { dir: useOwn ? 'templates' : root.replace(/[\\/]+$/u, ''), files };
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}
