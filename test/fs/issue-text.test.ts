import { watch, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newCommand } from '../../src/actions/new-command.js';
import { submissionsImportCommand } from '../../src/actions/submissions-import-command.js';
import { ABSENT_VERSION, IssueChangedError, issueLockPath, issueVersion, readIssueText, saveIssueText } from '../../src/fs/issue-text.js';
import { withFileLock } from '../../src/fs/with-file-lock.js';
import { collectOutput } from '../support/collect-output.js';
import { writeMicrosoftFormsXlsx } from '../support/form-exports.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();
const DRAFT = 'issues/2026-12.md';
const LOCK_NAME = { lock: 'issue-file lock', busy: 'the issue files are being changed' };

/** Resolves when a file whose name matches `pattern` appears in `folder`, after running `then` at that moment. */
function onFileAppearing(folder: string, pattern: RegExp, then: () => void): { seen: Promise<void>; close(): void } {
  let close = (): void => undefined;
  const seen = new Promise<void>((resolve) => {
    const watcher = watch(folder, (_event, name) => {
      if (name === null || !pattern.test(name)) return;
      watcher.close();
      then();
      resolve();
    });
    close = () => watcher.close();
  });
  return { seen, close };
}

describe('readIssueText and saveIssueText', () => {
  it('saves a text based on the version read', async () => {
    const read = await readIssueText(ws.dir, DRAFT);
    expect(read.version).toBe(issueVersion(read.text));
    await saveIssueText(ws.dir, DRAFT, `${read.text}\n<!-- more -->\n`, read.version);
    expect(await ws.read(DRAFT)).toBe(`${read.text}\n<!-- more -->\n`);
    await expect(readFile(issueLockPath(ws.dir))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses with IssueChangedError when the file changed after it was read, and keeps the other change', async () => {
    const read = await readIssueText(ws.dir, DRAFT);
    await ws.write(DRAFT, `${read.text}edited in an editor\n`);
    const save = saveIssueText(ws.dir, DRAFT, 'mine', read.version);
    await expect(save).rejects.toBeInstanceOf(IssueChangedError);
    await expect(save).rejects.toThrow('issues/2026-12.md changed on disk since you opened it; reload it');
    expect(await ws.read(DRAFT)).toBe(`${read.text}edited in an editor\n`);
  });

  it('creates a new file only while it is absent', async () => {
    const read = await readIssueText(ws.dir, 'issues/2027-01.md');
    expect(read).toEqual({ text: undefined, version: ABSENT_VERSION });
    await ws.write('issues/2027-01.md', 'theirs');
    await expect(saveIssueText(ws.dir, 'issues/2027-01.md', 'mine', read.version)).rejects.toBeInstanceOf(IssueChangedError);
    expect(await ws.read('issues/2027-01.md')).toBe('theirs');
  });

  it('waits for the lock: a writer holding it finishes first, and the waiting save then sees its change', async () => {
    const read = await readIssueText(ws.dir, DRAFT);
    let waiting: Promise<void> | undefined;
    await withFileLock(issueLockPath(ws.dir), LOCK_NAME, async () => {
      // The waiting save has written its temporary file and is now at the lock.
      const tmp = onFileAppearing(join(ws.dir, 'issues'), /^\.2026-12\.md\.\d+\.tmp$/u, () => undefined);
      waiting = saveIssueText(ws.dir, DRAFT, 'second', read.version);
      await tmp.seen;
      await writeFile(join(ws.dir, DRAFT), 'first, under the lock');
    });
    await expect(waiting).rejects.toBeInstanceOf(IssueChangedError);
    expect(await ws.read(DRAFT)).toBe('first, under the lock');
  });

  it('names the file it waited for when the lock stays busy (regression: the organisations file was called "the issue files")', async () => {
    const read = await readIssueText(ws.dir, 'contacts/organisations.yaml');
    await withFileLock(issueLockPath(ws.dir), LOCK_NAME, async () => {
      const saving = saveIssueText(ws.dir, 'contacts/organisations.yaml', `${read.text}\n`, read.version, { waitMs: 50 });
      await expect(saving).rejects.toMatchObject({
        kind: 'tempfail',
        message: expect.stringMatching(/^contacts\/organisations\.yaml is being changed by another run \(process \d+/u),
      });
    });
    expect(await ws.read('contacts/organisations.yaml')).toBe(read.text);
  });
});

describe('issue-file writers', () => {
  it('submissions import never loses an editor save made while it writes (regression: lost 4 of 4 runs, exit 0)', async () => {
    await writeMicrosoftFormsXlsx(
      join(ws.dir, 'responses.xlsx'),
      ['What are you sharing?', 'Title', 'Summary'],
      [{ 'What are you sharing?': 'News', Title: 'Our new Saturday group', Summary: 'Drop in from 10am.' }],
    );
    const edited = `${await ws.read(DRAFT)}\nA line the coordinator typed and saved.\n`;
    // The editor saves in place the moment the import starts writing the draft.
    const editor = onFileAppearing(join(ws.dir, 'issues'), /^\.2026-12\.md\./u, () => writeFileSync(join(ws.dir, DRAFT), edited));
    try {
      const run = submissionsImportCommand(
        { dir: ws.dir, file: join(ws.dir, 'responses.xlsx'), label: 'responses.xlsx', issue: undefined, dryRun: false },
        collectOutput(),
      );
      await expect(run).rejects.toBeInstanceOf(IssueChangedError);
      await editor.seen;
    } finally {
      editor.close();
    }
    expect(await ws.read(DRAFT)).toBe(edited);
  });

  it('new waits for the issue-file lock and never replaces a file written under it', async () => {
    let started: Promise<unknown> | undefined;
    await withFileLock(issueLockPath(ws.dir), LOCK_NAME, async () => {
      const tmp = onFileAppearing(join(ws.dir, 'issues'), /^\.2027-01\.md\.\d+\.tmp$/u, () => undefined);
      started = newCommand({ dir: ws.dir, issue: '2027-01', now: new Date('2026-12-10T10:00:00Z') }, collectOutput());
      started.catch(() => undefined);
      await tmp.seen;
      // Another writer (the desk) creates the same month while new waits.
      await writeFile(join(ws.dir, 'issues/2027-01.md'), 'written under the lock');
    });
    await expect(started).rejects.toThrow('issues/2027-01.md already exists; snippet new never replaces an issue');
    expect(await ws.read('issues/2027-01.md')).toBe('written under the lock');
  });
});
