import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
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
