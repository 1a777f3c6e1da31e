import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOLDER_MARKER, replaceFolder } from '../../src/fs/replace-folder.js';
import { SnippetError } from '../../src/errors.js';

let parent: string;
let target: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'snippet-replace-'));
  target = join(parent, 'site');
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

const marker = { marker: 'made by snippet\n' };

describe('replaceFolder', () => {
  it('replaces the whole folder: files of the old build that the new one lacks are gone', async () => {
    await replaceFolder(
      target,
      [
        { name: 'a/index.html', data: 'one' },
        { name: 'old.html', data: 'old' },
      ],
      marker,
    );
    await replaceFolder(target, [{ name: 'a/index.html', data: 'two' }], marker);
    expect(await readFile(join(target, 'a/index.html'), 'utf8')).toBe('two');
    expect(existsSync(join(target, 'old.html'))).toBe(false);
    expect((await readdir(parent)).sort()).toEqual(['site']);
  });

  it('never replaces a folder it did not make', async () => {
    await mkdir(target);
    await writeFile(join(target, 'thesis.docx'), 'years of work');
    await expect(replaceFolder(target, [{ name: 'index.html', data: 'x' }], marker)).rejects.toThrow(/snippet did not make/u);
    expect(await readFile(join(target, 'thesis.docx'), 'utf8')).toBe('years of work');
  });

  it('leaves the old folder as it was when a write fails, and no temporary folder behind', async () => {
    await replaceFolder(target, [{ name: 'index.html', data: 'good' }], marker);
    // "page" is a file, so "page/index.html" cannot be written.
    const failed = replaceFolder(
      target,
      [
        { name: 'page', data: 'x' },
        { name: 'page/index.html', data: 'y' },
      ],
      marker,
    );
    await expect(failed).rejects.toBeInstanceOf(SnippetError);
    await expect(failed).rejects.toThrow(/unchanged/u);
    expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('good');
    expect((await readdir(parent)).sort()).toEqual(['site']);
  });

  it('refuses a target under a file with the reason, not an internal error', async () => {
    await writeFile(join(parent, 'notes.txt'), 'a file');
    for (const under of ['notes.txt/site', 'notes.txt/deeper/site']) {
      const failed = replaceFolder(join(parent, under), [{ name: 'index.html', data: 'x' }], { ...marker, shown: under });
      await expect(failed).rejects.toBeInstanceOf(SnippetError);
      await expect(failed).rejects.toThrow(/notes\.txt/u);
    }
    expect(await readFile(join(parent, 'notes.txt'), 'utf8')).toBe('a file');
  });

  it('after a crash between the two renames, puts the last good folder back and then replaces it', async () => {
    // What kill -9 after "old folder aside" leaves: no site, the old one under a dead process's name, a half-written new one.
    const dead = 2 ** 22 + 12345;
    await mkdir(join(parent, `.site.old-${dead}`));
    await writeFile(join(parent, `.site.old-${dead}`, FOLDER_MARKER), 'made by snippet\n');
    await writeFile(join(parent, `.site.old-${dead}`, 'stale.html'), 'last good');
    await mkdir(join(parent, `.site.new-${dead}`));
    await replaceFolder(target, [{ name: 'index.html', data: 'new' }], marker);
    expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('new');
    expect(existsSync(join(target, 'stale.html'))).toBe(false);
    expect((await readdir(parent)).sort()).toEqual(['site']);
  });
});
