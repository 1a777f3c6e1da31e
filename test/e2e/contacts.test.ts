import { execFile, spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli, useSampleWorkspace } from '../support/workspace.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/csv');

const ws = useSampleWorkspace();

describe('snippet contacts import, failing or killed as a process', () => {
  it('leaves the old file whole when the disk write fails half way (a file size limit makes it fail)', async () => {
    const before = await ws.read('contacts/members.csv');
    // `ulimit -f 1` lets the process write at most 1 KB per file: the new
    // members.csv (about 3 KB) fails with EFBIG part-way through the temporary file.
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        '/bin/sh',
        ['-c', `ulimit -f 1 && exec "${process.execPath}" "${CLI}" contacts import "${join(FIXTURES, 'outlook-contacts-export.csv')}"`],
        { cwd: ws.dir, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } },
        (error, _stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
        },
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/could not write contacts\/members\.csv \(EFBIG\); it is unchanged/u);
    expect(await ws.read('contacts/members.csv')).toBe(before);
    expect(await readdir(join(ws.dir, 'contacts'))).not.toContainEqual(expect.stringMatching(/\.tmp$/u));
  });

  it('leaves members.csv whole, old or new, when the import is killed with SIGKILL while writing', async () => {
    const before = await ws.read('contacts/members.csv');
    // Kill the import the moment its temporary file appears. Whether the kill
    // lands before or after the rename, the file must be one whole version.
    const killed = await new Promise<NodeJS.Signals | null>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'contacts', 'import', join(FIXTURES, 'outlook-contacts-export.csv')], { cwd: ws.dir, stdio: 'ignore' });
      const watcher = watch(join(ws.dir, 'contacts'), (_event, name) => {
        if (name?.endsWith('.tmp')) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => {
        watcher.close();
        resolve(signal);
      });
    });
    const after = await readFile(join(ws.dir, 'contacts/members.csv'), 'utf8');
    const complete = await runCli(['contacts', 'import', join(FIXTURES, 'outlook-contacts-export.csv')], { cwd: ws.dir });
    expect(complete.code).toBe(0);
    const whole = await ws.read('contacts/members.csv');
    expect([before, whole]).toContain(after);
    expect(killed === 'SIGKILL' || after === whole).toBe(true);
  });
});
