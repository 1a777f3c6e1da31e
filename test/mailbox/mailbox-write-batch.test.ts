import { appendFileSync, mkdirSync, utimesSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailboxCommand, type MailboxEntry } from '../../src/actions/mailbox-command.js';
import { contactsLockPath } from '../../src/delivery/state-paths.js';
import { readStatePath } from '../../src/mailbox/read-state.js';
import { hardBounce, mailboxOptions, mailboxWorkspaces, manyMembers, mboxOf } from '../support/mailbox-fixtures.js';

const workspace = mailboxWorkspaces();

/** The first column of a CSV file's rows, its header left out. */
async function emails(ws: { read(file: string): Promise<string> }, file: string): Promise<string[]> {
  return (await ws.read(file))
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]!);
}

describe('snippet mailbox writes its batches on the contacts files as they are', () => {
  it('sees an address suppressed by someone else between two batches (the files are not read again while unchanged since the run wrote them)', async () => {
    const ws = await workspace();
    const members = await manyMembers(ws, 150);
    const mbox = join(ws.dir, 'reports.mbox');
    await writeFile(mbox, mboxOf(members.map((m, i) => hardBounce(i + 1, m))));
    const last = members.at(-1)!;
    let changed = false;
    // The first line of the report comes once the first batch (100 reports) is written: then the coordinator suppresses the last member by hand.
    const onEntry = (): void => {
      if (changed) return;
      changed = true;
      appendFileSync(join(ws.dir, 'contacts/suppressions.csv'), `${last},2026-12-06,asked by phone\n`);
    };

    const result = await mailboxCommand(mailboxOptions(ws.dir, { path: mbox, onEntry }));

    expect(changed).toBe(true);
    expect(result.read).toBe(150);
    const outcomes = new Map(result.entries.map((e) => [e.recipient, e.outcome]));
    expect(outcomes.get(members[0]!)).toEqual({ action: 'suppress', reason: expect.any(String) });
    expect(outcomes.get(members[148]!)).toEqual({ action: 'suppress', reason: expect.any(String) });
    // Planned first on what the run read at its start, then again on the file as it was under the lock: already suppressed, not twice.
    expect(outcomes.get(last)).toEqual({ action: 'record', detail: 'already suppressed' });
    const suppressed = await emails(ws, 'contacts/suppressions.csv');
    expect(suppressed.filter((email) => email === last)).toHaveLength(1);
    expect(suppressed).toHaveLength(150);
    expect(await ws.read('contacts/suppressions.csv')).toContain(`${last},2026-12-06,asked by phone\n`);
    expect(await emails(ws, 'contacts/bounces.csv')).toHaveLength(150);
  });

  it('reports the reading that failed, not the write after it that failed too, and keeps what the earlier batch wrote whole', async () => {
    const ws = await workspace();
    const members = await manyMembers(ws, 150);
    const folder = join(ws.dir, 'saved-reports');
    await mkdir(folder);
    for (const [i, member] of members.entries()) await writeFile(join(folder, `${String(i + 1).padStart(3, '0')}.eml`), hardBounce(i + 1, member));
    // A message that is there but cannot be read (EIO, as a failing disk gives): the reading stops part-way, after 150 messages.
    await symlink('/proc/self/mem', join(folder, '151.eml'));
    const lock = contactsLockPath(ws.dir);
    const lines: MailboxEntry[] = [];
    // Once the first batch is written, the contacts can no longer be changed: the lock's place is taken by a folder
    // (an old one, so that the lock does not wait for it to be removed).
    const onEntry = (line: MailboxEntry): void => {
      if (lines.length === 0) {
        mkdirSync(lock, { recursive: true });
        utimesSync(lock, new Date('2026-01-01'), new Date('2026-01-01'));
      }
      lines.push(line);
    };

    const run = mailboxCommand(mailboxOptions(ws.dir, { path: folder, pathLabel: 'saved-reports', onEntry }));

    // The first failure is the one reported: the message that could not be read, not the lock of the write made after it.
    await expect(run).rejects.toMatchObject({ code: 'EIO' });
    await expect(run).rejects.not.toThrow(/lock/u);
    const first = members.slice(0, 100);
    expect(lines.map((l) => l.recipient)).toEqual(first);
    // What the first batch wrote stays, whole; nothing of the second batch was written, not even half a line.
    const suppressions = await ws.read('contacts/suppressions.csv');
    expect(suppressions).toBe(`email,date,reason\n${first.map((m) => `${m},2026-12-07,bounced (after delivery)\n`).join('')}`);
    const bounces = (await ws.read('contacts/bounces.csv')).split('\n');
    expect(bounces.at(-1)).toBe('');
    expect(bounces.slice(1, -1).map((line) => line.split(',')[1])).toEqual(first);
    const records = (await readFile(readStatePath(ws.dir), 'utf8')).split('\n');
    expect(records.at(-1)).toBe('');
    expect(records.slice(0, -1).map((line) => (JSON.parse(line) as { source: string }).source)).toEqual(
      first.map((_, i) => `saved-reports/${String(i + 1).padStart(3, '0')}.eml`),
    );
    expect((await readdir(join(ws.dir, 'contacts'))).sort()).toEqual(['bounces.csv', 'members.csv', 'organisations.yaml', 'suppressions.csv']);

    // Once the lock's place is free and the unreadable message gone, the next run does the rest, and nothing twice.
    await rm(lock, { recursive: true });
    await rm(join(folder, '151.eml'));
    const again = await mailboxCommand(mailboxOptions(ws.dir, { path: folder, pathLabel: 'saved-reports' }));
    expect(again.seenBefore).toBe(100);
    expect(again.read).toBe(50);
    expect(await emails(ws, 'contacts/suppressions.csv')).toEqual(members);
    expect((await emails(ws, 'contacts/bounces.csv')).length).toBe(150);
  });
});
