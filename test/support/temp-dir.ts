import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/**
 * A fresh empty folder (in the system's temporary folder, its name starting
 * with `prefix`) for every test of the file (or `describe` block) that calls
 * this, removed with all it holds after each test.
 */
export function tempDirPerTest(prefix: string): { readonly dir: string } {
  let current: string | undefined;
  beforeEach(async () => {
    current = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    if (current) await rm(current, { recursive: true, force: true });
    current = undefined;
  });
  return {
    get dir() {
      if (!current) throw new Error('the temporary folder exists only while a test runs');
      return current;
    },
  };
}
