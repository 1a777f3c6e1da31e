import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { mailboxCommand } from '../../src/actions/mailbox-command.js';
import { hardBounce, manyMembers, mailboxOptions, mailboxWorkspaces, mboxOf } from '../support/mailbox-fixtures.js';

/** Every read and append of bounces.csv, counted: the real functions run. */
const calls = vi.hoisted(() => ({ read: 0, append: 0 }));
vi.mock('../../src/mailbox/bounces-file.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/mailbox/bounces-file.js')>();
  return {
    ...original,
    readBounceRows: (...args: Parameters<typeof original.readBounceRows>) => {
      calls.read++;
      return original.readBounceRows(...args);
    },
    appendBounceRows: (...args: Parameters<typeof original.appendBounceRows>) => {
      calls.append++;
      return original.appendBounceRows(...args);
    },
  };
});

const workspace = mailboxWorkspaces();

describe('snippet mailbox over a big mailbox (regression: each report read and appended to the whole of bounces.csv, O(N²))', () => {
  it('acts on every report once, reading bounces.csv twice a run and appending it once a batch, not once a report', async () => {
    const ws = await workspace();
    const count = 350;
    const members = await manyMembers(ws, count);
    // Every report once, and the 10th twice (a copy kept in the mailbox): acted on once all the same.
    const reports = members.map((m, i) => hardBounce(i + 1, m));
    reports.splice(200, 0, reports[9]!);
    const mbox = join(ws.dir, 'reports.mbox');
    await writeFile(mbox, mboxOf(reports));

    calls.read = 0;
    calls.append = 0;
    const result = await mailboxCommand(mailboxOptions(ws.dir, { path: mbox }));

    expect(result.read).toBe(count);
    expect(result.seenBefore).toBe(1);
    expect(result.entries.map((e) => e.recipient)).toEqual(members);
    expect(result.entries.every((e) => e.outcome.action === 'suppress')).toBe(true);
    const suppressed = (await ws.read('contacts/suppressions.csv')).trim().split('\n').slice(1);
    expect(suppressed.map((line) => line.split(',')[0])).toEqual(members);
    const rows = (await ws.read('contacts/bounces.csv')).trim().split('\n').slice(1);
    expect(rows.map((line) => line.split(',')[1])).toEqual(members);
    // Exactly what the design promises. Two reads: one when the run starts (the reports are planned against it),
    // one under the contacts lock when the first batch is written; after that each batch's own append keeps the
    // file's stamp, so it is not read again. One append a batch: the 350 reports acted on are written 100, 100,
    // 100 (a quarter of the 300 written is still under 100) and the last 50 (the copy of the 10th is no report to act on).
    expect(calls.read).toBe(2);
    expect(calls.append).toBe(4);

    // A second run finds every report read, and writes nothing: its one read is the one it starts with.
    calls.read = 0;
    calls.append = 0;
    const again = await mailboxCommand(mailboxOptions(ws.dir, { path: mbox }));
    expect(calls.read).toBe(1);
    expect(calls.append).toBe(0);
    expect(again.read).toBe(0);
    expect(again.seenBefore).toBe(count + 1);
    expect((await ws.read('contacts/bounces.csv')).trim().split('\n').slice(1)).toEqual(rows);
  });
});
