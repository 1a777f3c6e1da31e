import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeNewFile } from '../../src/fs/write-new-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snippet-write-new-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeNewFile', () => {
  it('writes a new file, creating its folder, and leaves no temporary file', async () => {
    expect(await writeNewFile(join(dir, 'issues/2027-01.md'), 'new')).toBe(true);
    expect(await readFile(join(dir, 'issues/2027-01.md'), 'utf8')).toBe('new');
    expect(await readdir(join(dir, 'issues'))).toEqual(['2027-01.md']);
  });

  it('never replaces a file that exists, and cleans up after itself', async () => {
    await writeFile(join(dir, '2027-01.md'), "the coordinator's draft");
    expect(await writeNewFile(join(dir, '2027-01.md'), 'scaffold')).toBe(false);
    expect(await readFile(join(dir, '2027-01.md'), 'utf8')).toBe("the coordinator's draft");
    expect(await readdir(dir)).toEqual(['2027-01.md']);
  });
});
