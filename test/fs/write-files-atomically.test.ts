import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SnippetError } from '../../src/errors.js';
import { writeFilesAtomically } from '../../src/fs/write-files-atomically.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snippet-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('writes a file in a subfolder through a temporary file beside it (regression: the temporary name was ".contacts/…", a folder that does not exist)', async () => {
  await mkdir(join(dir, 'contacts'));
  await writeFile(join(dir, 'contacts/members.csv'), 'old\n');
  await writeFilesAtomically(dir, [{ name: 'contacts/members.csv', data: 'new\n' }]);
  expect(await readFile(join(dir, 'contacts/members.csv'), 'utf8')).toBe('new\n');
  expect(await readdir(join(dir, 'contacts'))).toEqual(['members.csv']);
  expect(await readdir(dir)).toEqual(['contacts']);
});

it('names the file and the reason when the target folder is a file, and writes nothing', async () => {
  await writeFile(join(dir, 'out'), 'a file\n');
  const error = await writeFilesAtomically(join(dir, 'out'), [{ name: 'email.html', data: 'x' }]).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SnippetError);
  expect((error as SnippetError).message).toMatch(/^could not write .*out\/email\.html \((EEXIST|ENOTDIR)\); nothing was written$/u);
  expect((error as SnippetError).hint).toMatch(/A file stands where a folder is needed/u);
  expect(await readFile(join(dir, 'out'), 'utf8')).toBe('a file\n');
});

it('says the old file is unchanged when its replacement cannot be written', async () => {
  await writeFile(join(dir, 'members.csv'), 'old\n');
  await mkdir(join(dir, '.members.csv.' + process.pid + '.tmp'));
  const error = await writeFilesAtomically(dir, [{ name: 'members.csv', data: 'new\n' }]).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SnippetError);
  expect((error as SnippetError).message).toMatch(/^could not write .*members\.csv \(EISDIR\); it is unchanged$/u);
  expect(await readFile(join(dir, 'members.csv'), 'utf8')).toBe('old\n');
});

it("keeps a replaced file's permissions, and gives a new file the default ones", async () => {
  await writeFile(join(dir, 'members.csv'), 'old\n');
  await chmod(join(dir, 'members.csv'), 0o600);
  await writeFilesAtomically(dir, [
    { name: 'members.csv', data: 'new\n' },
    { name: 'fresh.txt', data: 'x' },
  ]);
  expect((await stat(join(dir, 'members.csv'))).mode & 0o777).toBe(0o600);
  expect((await stat(join(dir, 'fresh.txt'))).mode & 0o777).toBe(0o644 & ~process.umask());
});
