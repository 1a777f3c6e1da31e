import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FOLDER_MARKER, replaceFolder } from '../../src/fs/replace-folder.js';
import { SnippetError } from '../../src/errors.js';
import { tempDirPerTest } from '../support/temp-dir.js';

const temp = tempDirPerTest('snippet-replace-');
let target: string;
beforeEach(() => {
  target = join(temp.dir, 'site');
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
    expect((await readdir(temp.dir)).sort()).toEqual(['site']);
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
    expect((await readdir(temp.dir)).sort()).toEqual(['site']);
  });

  it('refuses a target under a file with the reason, not an internal error', async () => {
    await writeFile(join(temp.dir, 'notes.txt'), 'a file');
    for (const under of ['notes.txt/site', 'notes.txt/deeper/site']) {
      const failed = replaceFolder(join(temp.dir, under), [{ name: 'index.html', data: 'x' }], { ...marker, shown: under });
      await expect(failed).rejects.toBeInstanceOf(SnippetError);
      await expect(failed).rejects.toThrow(/notes\.txt/u);
    }
    expect(await readFile(join(temp.dir, 'notes.txt'), 'utf8')).toBe('a file');
  });

  it('after a crash between the two renames, puts the last good folder back and then replaces it', async () => {
    // What kill -9 after "old folder aside" leaves: no site, the old one under a dead process's name, a half-written new one.
    const dead = 2 ** 22 + 12345;
    await mkdir(join(temp.dir, `.site.old-${dead}`));
    await writeFile(
      join(temp.dir, `.site.old-${dead}`, FOLDER_MARKER),
      'made by snippet\n\nIt replaces the folder only while it holds nothing but these files:\nstale.html\n',
    );
    await writeFile(join(temp.dir, `.site.old-${dead}`, 'stale.html'), 'last good');
    await mkdir(join(temp.dir, `.site.new-${dead}`));
    await replaceFolder(target, [{ name: 'index.html', data: 'new' }], marker);
    expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('new');
    expect(existsSync(join(target, 'stale.html'))).toBe(false);
    expect((await readdir(temp.dir)).sort()).toEqual(['site']);
  });

  it('never replaces a folder it built once that now holds .git (regression: a later --out deleted the repository)', async () => {
    await replaceFolder(target, [{ name: 'index.html', data: 'one' }], marker);
    await mkdir(join(target, '.git/objects'), { recursive: true });
    await writeFile(join(target, '.git/HEAD'), 'ref: refs/heads/main\n');
    const failed = replaceFolder(target, [{ name: 'index.html', data: 'two' }], { ...marker, shown: 'site' });
    await expect(failed).rejects.toThrow('site holds files snippet did not write (.git/), so it is left alone');
    await expect(failed).rejects.toMatchObject({ hint: expect.stringContaining('Git repository') });
    expect(await readFile(join(target, '.git/HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
    expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('one');
  });

  it("never replaces a folder it built once that now holds the user's own files, at any depth", async () => {
    await replaceFolder(target, [{ name: 'a/index.html', data: 'one' }], marker);
    await writeFile(join(target, 'a/notes.txt'), 'mine');
    await mkdir(join(target, 'drafts'));
    const failed = replaceFolder(target, [{ name: 'a/index.html', data: 'two' }], { ...marker, shown: 'site' });
    await expect(failed).rejects.toThrow('site holds files snippet did not write (a/notes.txt, drafts/), so it is left alone');
    expect(await readFile(join(target, 'a/notes.txt'), 'utf8')).toBe('mine');
  });

  it('replaces a folder whose old marker lists no files when it holds only what the build writes', async () => {
    await mkdir(join(target, 'a'), { recursive: true });
    await writeFile(join(target, FOLDER_MARKER), 'made by snippet\n');
    await writeFile(join(target, 'a/index.html'), 'old');
    await replaceFolder(target, [{ name: 'a/index.html', data: 'new' }], marker);
    expect(await readFile(join(target, 'a/index.html'), 'utf8')).toBe('new');
    await writeFile(join(target, FOLDER_MARKER), 'made by snippet\n');
    await writeFile(join(target, 'a/extra.html'), 'not written by this build');
    await expect(replaceFolder(target, [{ name: 'a/index.html', data: 'x' }], marker)).rejects.toThrow(/a\/extra\.html/u);
  });

  it('follows a link: the folder it points to gets the new site and the link stays (regression: the link became a folder)', async () => {
    const real = join(temp.dir, 'served');
    await replaceFolder(real, [{ name: 'index.html', data: 'old' }], marker);
    await symlink(real, target);
    await replaceFolder(target, [{ name: 'index.html', data: 'new' }], marker);
    expect((await lstat(target)).isSymbolicLink()).toBe(true);
    expect(await readlink(target)).toBe(real);
    expect(await readFile(join(real, 'index.html'), 'utf8')).toBe('new');
    expect((await readdir(temp.dir)).sort()).toEqual(['served', 'site']);
  });

  it('says so when a link points to nothing', async () => {
    await symlink(join(temp.dir, 'gone'), target);
    await expect(replaceFolder(target, [{ name: 'index.html', data: 'x' }], { ...marker, shown: 'site' })).rejects.toThrow(
      `site is a link to ${join(temp.dir, 'gone')}, which does not exist`,
    );
  });
});

describe('docs/website.md', () => {
  it('the GitHub Pages recipe never copies the marker into the site repository', async () => {
    const doc = await readFile(join(import.meta.dirname, '../../docs/website.md'), 'utf8');
    const copies = doc.split('\n').filter((line) => line.startsWith('rsync') && line.includes('--exclude .git'));
    expect(copies.length).toBeGreaterThan(0);
    for (const line of copies) expect(line).toContain(`--exclude ${FOLDER_MARKER}`);
  });
});
