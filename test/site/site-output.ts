import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { siteCommand } from '../../src/actions/site-command.js';
import { collectOutput } from '../support/collect-output.js';
import { SITE_NOW, siteWorkspace, type SiteWorkspace } from '../support/site-workspace.js';

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

/**
 * The sample site (`test/support/site-workspace.ts`) built once for a test file, read into memory: every file by its
 * path, filled in before the file's first test and the workspace removed after its last.
 */
export function useBuiltSite(): Map<string, string> {
  const site = new Map<string, string>();
  let ws: SiteWorkspace | undefined;
  beforeAll(async () => {
    ws = await siteWorkspace();
    await siteCommand({ dir: ws.dir, out: undefined, now: SITE_NOW }, collectOutput());
    for (const [name, text] of await readSite(ws.out)) site.set(name, text);
  });
  afterAll(async () => {
    await ws?.remove();
  });
  return site;
}
