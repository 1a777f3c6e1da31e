import { watch } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hardBounce, mailboxWorkspaces, manyMembers, mboxOf } from '../support/mailbox-fixtures.js';
import { spawnCli } from '../support/spawn-cli.js';

const workspace = mailboxWorkspaces();
const watchers: Array<() => void> = [];
afterEach(() => {
  while (watchers.length > 0) watchers.pop()!();
});

/** Where `snippet mailbox` is killed: the first write of each file a batch writes, in the order it writes them. */
const KILL_POINTS = [
  { name: 'at the first suppressions written', folder: 'contacts', file: 'suppressions.csv' },
  { name: 'at the first evidence rows written', folder: 'contacts', file: 'bounces.csv' },
  { name: 'at the first read records written', folder: '.snippet/mailbox', file: 'read.jsonl' },
];

/** The first column of each data row of a CSV file. */
async function firstColumn(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]!);
}

describe('snippet mailbox survives SIGKILL in the middle of a batch', () => {
  it.each(KILL_POINTS)('killed $name and run again: every report acted on once, nothing lost', async (point) => {
    const ws = await workspace();
    const members = await manyMembers(ws, 250);
    const mbox = join(ws.dir, 'reports.mbox');
    await writeFile(mbox, mboxOf(members.map((m, i) => hardBounce(i + 1, m))));
    const folder = join(ws.dir, point.folder);
    await mkdir(folder, { recursive: true });

    const running = spawnCli(['mailbox', 'reports.mbox'], { cwd: ws.dir });
    let killed = false;
    const watcher = watch(folder, (_event, name) => {
      if (name !== point.file || killed) return;
      killed = true;
      running.child.kill('SIGKILL');
    });
    watchers.push(() => watcher.close());
    const first = await running.done;
    expect(first.signal, `${first.stdout}${first.stderr}`).toBe('SIGKILL');

    const again = await spawnCli(['mailbox', 'reports.mbox'], { cwd: ws.dir }).done;
    expect(again.code, again.stderr).toBe(0);
    expect((await firstColumn(join(ws.dir, 'contacts/suppressions.csv'))).sort()).toEqual(members);
    const rows = await readFile(join(ws.dir, 'contacts/bounces.csv'), 'utf8');
    expect(
      rows
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[1])
        .sort(),
    ).toEqual(members);

    // Everything is read now: a third run finds nothing new.
    const third = await spawnCli(['mailbox', 'reports.mbox', '--json'], { cwd: ws.dir }).done;
    expect(third.code, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout)).toEqual([]);
    expect(await readFile(join(ws.dir, 'contacts/bounces.csv'), 'utf8')).toBe(rows);
  });
});
