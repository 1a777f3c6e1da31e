import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/workspace/load-workspace.js';
import { readWorkspaceFiles } from '../../src/workspace/read-workspace-files.js';
import { sampleWorkspace } from '../support/workspace.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** Every text file of the workspace as Notepad on Windows saves it: a byte-order mark and CRLF line ends. */
async function asWindowsSavesIt(dir: string): Promise<number> {
  let changed = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(ya?ml|md|csv)$/u.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const text = await readFile(path, 'utf8');
    await writeFile(path, `\uFEFF${text.replace(/\r?\n/gu, '\r\n')}`);
    changed++;
  }
  return changed;
}

describe('workspace files saved on Windows', () => {
  it('read exactly like LF ones: the config, the issues, the members, the organisations and their problems', async () => {
    const lf = await sampleWorkspace();
    const crlf = await sampleWorkspace();
    cleanups.push(lf.remove, crlf.remove);
    expect(await asWindowsSavesIt(join(crlf.dir, 'contacts'))).toBeGreaterThan(0);
    await asWindowsSavesIt(join(crlf.dir, 'issues'));
    const config = await crlf.read('snippet.config.yaml');
    await crlf.write('snippet.config.yaml', `\uFEFF${config.replace(/\n/gu, '\r\n')}`);
    const fromLf = loadWorkspace(await readWorkspaceFiles(lf.dir));
    const fromCrlf = loadWorkspace(await readWorkspaceFiles(crlf.dir));
    expect(fromCrlf.config).toEqual(fromLf.config);
    // Each issue's lineOf is a function: compared by what it answers.
    const data = (issues: typeof fromLf.issues) => issues.map(({ lineOf: _lineOf, ...rest }) => rest);
    expect(data(fromCrlf.issues)).toEqual(data(fromLf.issues));
    expect(fromLf.issues[0]!.lineOf(['subject'])).toBeTypeOf('number');
    for (const [i, issue] of fromLf.issues.entries()) {
      for (const path of [['subject'], ['status'], ['send_at'], ['sections']]) expect(fromCrlf.issues[i]!.lineOf(path)).toBe(issue.lineOf(path));
    }
    expect(fromCrlf.members).toEqual(fromLf.members);
    expect(fromCrlf.suppressions).toEqual(fromLf.suppressions);
    expect(fromCrlf.problems).toEqual(fromLf.problems);
  });
});
