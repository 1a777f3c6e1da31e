import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SnippetError } from '../../src/errors.js';
import { withFileLock } from '../../src/fs/with-file-lock.js';
import { tempDirPerTest } from '../support/temp-dir.js';

const name = { lock: 'contacts lock', busy: 'the contacts are being changed' };
const temp = tempDirPerTest('snippet-file-lock-');

describe('withFileLock', () => {
  it('says so at once when a folder stands where the lock file goes (regression: it waited 5 s, then a raw EISDIR)', async () => {
    const path = join(temp.dir, '.snippet', 'contacts.lock');
    await mkdir(path, { recursive: true });
    let ran = false;
    const taking = withFileLock(
      path,
      name,
      async () => {
        ran = true;
      },
      { waitMs: 60_000 },
    );
    const error = await taking.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(SnippetError);
    expect((error as SnippetError).message).toBe('cannot take the contacts lock: .snippet/contacts.lock is a folder, not a file');
    expect((error as SnippetError).hint).toMatch(/^Remove the folder \.snippet\/contacts\.lock .*then run the command again\.$/u);
    expect(ran).toBe(false);
    // The folder is the user's: left as it was.
    expect(await readdir(path)).toEqual([]);
  });

  it('runs the work holding the lock, and removes the lock after', async () => {
    const path = join(temp.dir, '.snippet', 'contacts.lock');
    const held = await withFileLock(path, name, async () => readdir(join(temp.dir, '.snippet')));
    expect(held).toEqual(['contacts.lock']);
    expect(await readdir(join(temp.dir, '.snippet'))).toEqual([]);
  });
});
