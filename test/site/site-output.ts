import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file of a built site, by its path inside the site. */
export async function readSite(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.set(relative(root, path), await readFile(path, 'utf8'));
    }
  };
  await walk(root);
  return files;
}

/** The pages (`index.html` files) of a site. */
export function pagesOf(site: Map<string, string>): Array<[string, string]> {
  return [...site].filter(([name]) => name.endsWith('.html'));
}
