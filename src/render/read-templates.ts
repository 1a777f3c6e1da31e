import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SnippetError } from '../errors.js';
import { readError } from '../fs/read-error.js';

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
  const { root, useOwn, dir, names } = await listTemplates(workspaceDir);
  const files = new Map<string, string>();
  for (const relative of names) {
    const label = useOwn ? `templates/${relative}` : path.join(root, relative);
    files.set(relative, await readFile(path.join(root, relative), 'utf8').catch((error: NodeJS.ErrnoException) => Promise.reject(readError(error, label))));
  }
  if (files.size === 0) {
    throw new SnippetError(`no templates found in ${root}`, { file: 'templates', hint: 'Delete the empty templates/ folder to use the built-in templates.' });
  }
  return { dir, files };
}

/** The template files readTemplates reads, without reading them: the folder (`root`, absolute), `dir` as in TemplateSources, and the files' names in order. */
export async function listTemplates(workspaceDir: string): Promise<{ root: string; useOwn: boolean; dir: string; names: string[] }> {
  const own = path.join(workspaceDir, 'templates');
  const useOwn = await isFolder(own, 'templates/');
  const root = useOwn ? own : BUILT_IN_TEMPLATES;
  return { root, useOwn, dir: useOwn ? 'templates' : root.replace(/[\\/]+$/u, ''), names: (await listFiles(root)).sort() };
}

/** Whether the workspace has its own templates: absent is no; there but not a folder is a problem, not a silent fallback. */
async function isFolder(dir: string, label: string): Promise<boolean> {
  try {
    if ((await stat(dir)).isDirectory()) return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw readError(error as NodeJS.ErrnoException, label);
  }
  throw new SnippetError(`${label} is not a folder`, {
    file: label,
    hint: 'Templates live in a templates/ folder; remove the file of that name to use the built-in templates.',
  });
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(entry.parentPath, entry.name);
    // A linked template counts when it links to a file.
    const isFile =
      entry.isFile() ||
      (entry.isSymbolicLink() &&
        (await stat(full).then(
          (s) => s.isFile(),
          () => false,
        )));
    if (isFile) files.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return files;
}
