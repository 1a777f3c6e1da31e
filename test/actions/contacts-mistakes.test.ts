import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snippetInProcess } from '../support/snippet-in-process.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

/** `snippet …` in the workspace, in this process. */
const snippet = (args: string[], _options?: unknown) => snippetInProcess(ws.dir)(args);

const env = { NO_COLOR: '1' };

describe('snippet contacts, given the wrong file or a broken one', () => {
  it('import names a file that does not exist, or a folder, and changes nothing', async () => {
    const before = await ws.read('contacts/members.csv');
    const missing = await snippet(['contacts', 'import', 'nowhere.csv'], { cwd: ws.dir, env });
    expect(missing).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^error: cannot read nowhere\.csv: no such file\n {2}hint: Give the path of the exported CSV file\./mu),
    });
    const folder = await snippet(['contacts', 'import', 'contacts'], { cwd: ws.dir, env });
    expect(folder).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: cannot read contacts: it is a folder$/mu) });
    expect(missing.stderr + folder.stderr).not.toMatch(/internal error/u);
    expect(await ws.read('contacts/members.csv')).toBe(before);
  });

  it('list prints no member from a members.csv with an error, rather than a short list', async () => {
    await ws.write('contacts/members.csv', 'email,name\nann@example.org,Ann\n"bob@example.org,Bob\n');
    const result = await snippet(['contacts', 'list'], { cwd: ws.dir, env });
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^contacts\/members\.csv:3: error: a quote \("\) opened in this row is never closed$/mu);
    expect(result.stderr).toMatch(/^error: the mailing list has errors; nothing listed$/mu);
  });

  it('list and check say the mailing list is missing', async () => {
    await rm(join(ws.dir, 'contacts/members.csv'));
    const list = await snippet(['contacts', 'list'], { cwd: ws.dir, env });
    expect(list).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^contacts\/members\.csv: error: the mailing list is missing$/mu) });
    const check = await snippet(['contacts', 'check'], { cwd: ws.dir, env });
    expect(check).toMatchObject({ code: 1, stderr: expect.stringMatching(/^contacts\/members\.csv: error: the mailing list is missing$/mu) });
  });

  it('resubscribe lifts nothing when resubscriptions.csv cannot be read: the record comes first', async () => {
    const before = await ws.read('contacts/suppressions.csv');
    await mkdir(join(ws.dir, 'contacts/resubscriptions.csv'));
    const result = await snippet(['contacts', 'resubscribe', 'left-network@example.net', '--reason', 'signed up again'], { cwd: ws.dir, env });
    expect(result).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^error: could not read contacts\/resubscriptions\.csv \(EISDIR\); nothing was changed$/mu),
    });
    expect(await ws.read('contacts/suppressions.csv')).toBe(before);
  });

  it('unsubscribe and import say a file stands where the state folder .snippet/ should be, and change nothing (regression: internal error EEXIST)', async () => {
    const members = await ws.read('contacts/members.csv');
    const suppressions = await ws.read('contacts/suppressions.csv');
    await ws.write('.snippet', 'not a folder\n');
    await ws.write('new.csv', 'email,name\nnew.member@example.org,New Member\n');
    const unsubscribe = await snippet(['contacts', 'unsubscribe', 'aileen.macleod@example.org'], { cwd: ws.dir, env });
    const imported = await snippet(['contacts', 'import', 'new.csv'], { cwd: ws.dir, env });
    for (const result of [unsubscribe, imported]) {
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: cannot take the contacts lock: \.snippet is a file, not a folder$/mu);
      expect(result.stderr).toMatch(/^ {2}hint: Move the file \.snippet away/mu);
      expect(result.stderr).not.toMatch(/internal error/u);
    }
    expect(await ws.read('contacts/members.csv')).toBe(members);
    expect(await ws.read('contacts/suppressions.csv')).toBe(suppressions);
  });
});
