import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { mailboxCommand } from '../../src/actions/mailbox-command.js';
import { mailboxOptions, mailboxWorkspaces } from '../support/mailbox-fixtures.js';

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

const member = (i: number): string => `member${String(i).padStart(4, '0')}@example.org`;

/** A hard bounce of our mail to `to`, as a mail server writes one (RFC 3464). */
function hardBounce(n: number, to: string): string {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    'To: snippet@example.org',
    'Subject: Undelivered Mail Returned to Sender',
    'Date: Mon, 07 Dec 2026 07:00:00 +0000',
    `Message-ID: <dsn-${n}@mx.example.net>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="b${n}"`,
    '',
    `--b${n}`,
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '',
    `--b${n}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    `Final-Recipient: rfc822; ${to}`,
    'Action: failed',
    'Status: 5.1.1',
    `Diagnostic-Code: smtp; 550 5.1.1 <${to}>: Recipient address rejected: User unknown`,
    '',
    `--b${n}--`,
    '',
  ].join('\n');
}

describe('snippet mailbox over a big mailbox (regression: each report read and appended to the whole of bounces.csv, O(N²))', () => {
  it('acts on every report once, reading and appending bounces.csv once a batch, not once a report', async () => {
    const ws = await workspace();
    const count = 350;
    const members = Array.from({ length: count }, (_, i) => member(i + 1));
    await ws.write('contacts/members.csv', `email,name,organisation,lists\n${members.map((m) => `${m},${m.split('@')[0]},aberlour,members`).join('\n')}\n`);
    // Every report once, and the 10th twice (a copy kept in the mailbox): acted on once all the same.
    const reports = members.map((m, i) => hardBounce(i + 1, m));
    reports.splice(200, 0, reports[9]!);
    const mbox = join(ws.dir, 'reports.mbox');
    await writeFile(mbox, reports.map((r) => `From MAILER-DAEMON Mon Dec  7 07:00:00 2026\n${r}`).join('\n'));

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
