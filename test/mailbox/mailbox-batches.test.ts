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
  it('acts on every report once, reading and appending bounces.csv once a batch, not once a report', async () => {
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
    // Batches of 100: the run's first read, then one read and one append for each batch.
    expect(calls.read).toBeLessThanOrEqual(6);
    expect(calls.append).toBeLessThanOrEqual(5);

    // A second run finds every report read, and writes nothing.
    const again = await mailboxCommand(mailboxOptions(ws.dir, { path: mbox }));
    expect(again.read).toBe(0);
    expect(again.seenBefore).toBe(count + 1);
    expect((await ws.read('contacts/bounces.csv')).trim().split('\n').slice(1)).toEqual(rows);
  });
});
