import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPLACING_MODULES, REPLACING_MODULES_INTEGRATION } from '../../vitest.config.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every `*.test.ts` under `folder`, relative to the repository, with `/` between folders. */
async function testFiles(folder: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

describe('test files that replace modules', () => {
  // The unit and integration tiers share one module graph a worker: a vi.mock there holds only if no file before
  // it in the worker loaded the real module, so it passes or fails by the order the files ran in.
  it('are each listed to run in a module graph of their own', async () => {
    const files = [...(await testFiles('test')), ...(await testFiles('src'))];
    const replacing: string[] = [];
    for (const file of files) if (/\bvi\.mock\(/u.test(await readFile(join(ROOT, file), 'utf8'))) replacing.push(file);
    const isolated = [...REPLACING_MODULES, ...REPLACING_MODULES_INTEGRATION];
    expect(replacing.filter((file) => !file.startsWith('test/e2e/') && !isolated.includes(file))).toEqual([]);
    expect(replacing.length).toBeGreaterThan(0);
  });
});
