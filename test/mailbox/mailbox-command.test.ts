import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mailboxCommand, type MailboxOptions } from '../../src/actions/mailbox-command.js';
import { statusCommand } from '../../src/actions/status-command.js';
import { collectOutput } from '../support/collect-output.js';
import { isSnippetError } from '../../src/errors.js';
import { readStatePath } from '../../src/mailbox/read-state.js';
import { corpusReportFor, mail, mailboxOptions, mailboxWorkspace, MEMBERS, validToken } from '../support/mailbox-fixtures.js';

const [ANNA, BEN, CARA, DEV, ERIN] = MEMBERS;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup() {
  const ws = await mailboxWorkspace();
  cleanups.push(ws.remove);
  const run = (overrides: Partial<MailboxOptions> = {}) => mailboxCommand(mailboxOptions(ws.dir, overrides));
  return { ws, run };
}

/** The mix a coordinator's inbox holds after a send: real reports (matched to our send), replies, a complaint, requests and ordinary mail. */
function inbox(): Record<string, string | Buffer> {
  return {
    '01-hard-office365.eml': corpusReportFor('lhost-office365-01.eml', ANNA, '2026-12'),
    '02-soft-mailbox-full.eml': corpusReportFor('lhost-outlook-01.eml', BEN, '2026-12'),
    '03-auto-reply.eml': mail.autoReply(CARA, '2026-12'),
    '04-complaint.eml': mail.complaint(DEV, '2026-12'),
    '05-unsubscribe.eml': mail.unsubscribe(ERIN, ERIN, validToken(ERIN), 'unsub-1@nhs.example'),
    '06-forged-unsubscribe.eml': mail.unsubscribe(CARA, 'prankster@elsewhere.example', undefined, 'unsub-2@elsewhere.example'),
    '07-ordinary.eml': mail.ordinary('course@partner.example'),
    '08-hard-not-a-member.eml': corpusReportFor('lhost-gmail-01.eml', 'stranger@else.example', '2026-12'),
  };
}

async function folderOf(dir: string, messages: Record<string, string | Buffer>): Promise<string> {
  const folder = join(dir, 'saved-reports');
  await mkdir(folder);
  for (const [name, content] of Object.entries(messages)) await writeFile(join(folder, name), content);
  return folder;
}

async function digest(folder: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(folder)).sort()) hash.update(name).update(await readFile(join(folder, name)));
  return hash.digest('hex');
}

describe('snippet mailbox PATH (a folder of .eml files, an mbox file)', () => {
  it('suppresses a hard bounce, a complaint and a proven unsubscribe, counts a soft bounce, and lists the unproven request', async () => {
    const { ws, run } = await setup();
    const folder = await folderOf(ws.dir, inbox());
    const before = await digest(folder);
    const result = await run({ path: folder, pathLabel: 'saved-reports' });

    const byFile = (name: string) => result.entries.filter((e) => e.source === `saved-reports/${name}`);
    expect(byFile('01-hard-office365.eml')).toEqual([
      {
        source: 'saved-reports/01-hard-office365.eml',
        kind: 'hard',
        recipient: ANNA,
        status: '5.1.10',
        issue: '2026-12',
        outcome: { action: 'suppress', reason: 'bounced (after delivery)' },
      },
    ]);
    expect(byFile('02-soft-mailbox-full.eml')[0]).toMatchObject({
      kind: 'soft',
      recipient: BEN,
      status: '5.2.2',
      issue: '2026-12',
      outcome: { action: 'record' },
    });
    expect(byFile('03-auto-reply.eml')).toEqual([
      {
        source: 'saved-reports/03-auto-reply.eml',
        kind: 'auto-reply',
        recipient: null,
        status: null,
        issue: '2026-12',
        outcome: { action: 'nothing', why: 'an automatic reply changes nothing' },
      },
    ]);
    expect(byFile('04-complaint.eml')[0]).toMatchObject({ kind: 'complaint', recipient: DEV, outcome: { action: 'suppress', reason: 'complaint' } });
    expect(byFile('05-unsubscribe.eml')[0]).toMatchObject({
      kind: 'unsubscribe',
      recipient: ERIN,
      outcome: { action: 'suppress', reason: 'unsubscribed (email)' },
    });
    expect(byFile('06-forged-unsubscribe.eml')[0]).toMatchObject({ kind: 'unsubscribe', recipient: CARA, outcome: { action: 'confirm' } });
    expect(byFile('07-ordinary.eml')[0]).toMatchObject({ kind: 'other', recipient: null, outcome: { action: 'nothing' } });
    expect(byFile('08-hard-not-a-member.eml')[0]).toMatchObject({
      kind: 'hard',
      recipient: 'stranger@else.example',
      outcome: { action: 'nothing', why: 'not on the mailing list' },
    });

    const suppressions = await ws.read('contacts/suppressions.csv');
    expect(suppressions).toBe(
      'email,date,reason\n' +
        [`${ANNA},2026-12-07,bounced (after delivery)`, `${DEV},2026-12-07,complaint`, `${ERIN},2026-12-07,unsubscribed (email)`].join('\n') +
        '\n',
    );
    expect(suppressions).not.toContain(CARA);
    const bounces = (await ws.read('contacts/bounces.csv')).trim().split('\n');
    expect(bounces[0]).toBe('date,email,kind,status,words,report_message_id,issue');
    expect(bounces).toHaveLength(5);
    expect(bounces.find((row) => row.includes(BEN))).toMatch(/,soft,5\.2\.2,.*Mailbox Full.*,2026-12$/u);
    // The PATH is never changed.
    expect(await digest(folder)).toBe(before);

    const out = collectOutput();
    const status = await statusCommand({ dir: ws.dir, issue: '2026-12', json: false }, out);
    expect(status.bouncedAfterDelivery.map((b) => [b.email, b.kind, b.status])).toEqual([
      [ANNA, 'hard', '5.1.10'],
      [BEN, 'soft', '5.2.2'],
    ]);
    expect(out.text()).toMatch(new RegExp(`bounced after delivery: ${ANNA}: hard 5\\.1\\.10, .*RESOLVER\\.ADR\\.RecipientNotFound; Recipient not found`, 'u'));
  });

  it('does nothing twice: a second run reads only the request waiting for the coordinator', async () => {
    const { ws, run } = await setup();
    const folder = await folderOf(ws.dir, inbox());
    await run({ path: folder, pathLabel: 'saved-reports' });
    const files = { suppressions: await ws.read('contacts/suppressions.csv'), bounces: await ws.read('contacts/bounces.csv') };
    const again = await run({ path: folder, pathLabel: 'saved-reports' });
    expect(again.seenBefore).toBe(7);
    expect(again.entries.map((e) => e.outcome.action)).toEqual(['confirm']);
    expect(await ws.read('contacts/suppressions.csv')).toBe(files.suppressions);
    expect(await ws.read('contacts/bounces.csv')).toBe(files.bounces);
  });

  it('repeats nothing after a run stopped between acting and recording the message as read', async () => {
    const { ws, run } = await setup();
    const folder = await folderOf(ws.dir, { 'hard.eml': corpusReportFor('lhost-postfix-14.eml', ANNA, '2026-11') });
    await run({ path: folder, pathLabel: 'saved' });
    const files = { suppressions: await ws.read('contacts/suppressions.csv'), bounces: await ws.read('contacts/bounces.csv') };
    // As if killed after writing the rows: the state does not know the message.
    await rm(readStatePath(ws.dir));
    const again = await run({ path: folder, pathLabel: 'saved' });
    expect(again.entries[0]).toMatchObject({ kind: 'hard', recipient: ANNA, issue: '2026-11', outcome: { action: 'done-before' } });
    expect(await ws.read('contacts/suppressions.csv')).toBe(files.suppressions);
    expect(await ws.read('contacts/bounces.csv')).toBe(files.bounces);
  });

  it('suppresses an address that soft-bounced in three consecutive issues, counted from bounces.csv', async () => {
    const { ws, run } = await setup();
    const month = (issue: string) => ({
      [`${issue}.eml`]: corpusReportFor('lhost-outlook-01.eml', BEN, issue)
        .toString('latin1')
        .replace(/Message-ID: <[^>]+>/iu, `Message-ID: <full-${issue}@hotmail.example>`),
    });
    const first = await run({ path: await folderOf(ws.dir, { ...month('2026-10'), ...month('2026-11') }), pathLabel: 'saved' });
    expect(first.entries.map((e) => e.outcome)).toEqual([
      { action: 'record', detail: 'soft bounce 1 of 3 in a row before it is suppressed' },
      { action: 'record', detail: 'soft bounce 2 of 3 in a row before it is suppressed' },
    ]);
    await rm(join(ws.dir, 'saved-reports'), { recursive: true });
    const third = await run({ path: await folderOf(ws.dir, month('2026-12')), pathLabel: 'saved' });
    expect(third.entries[0]!.outcome).toEqual({ action: 'suppress', reason: 'bounced (repeated)' });
    expect(await ws.read('contacts/suppressions.csv')).toContain(`${BEN},2026-12-07,bounced (repeated)`);
  });

  it('reads an mbox file, naming each message FILE.mbox#N', async () => {
    const { ws, run } = await setup();
    const messages = [
      corpusReportFor('lhost-gmail-18.eml', ANNA, '2026-12').toString('latin1'),
      mail.autoReply(CARA, '2026-12'),
      mail.ordinary('x@partner.example'),
    ];
    const mbox = messages.map((m) => `From MAILER-DAEMON Tue Dec  1 10:00:00 2026\n${m.replace(/\r\n/gu, '\n').replace(/^From /gmu, '>From ')}\n`).join('\n');
    await writeFile(join(ws.dir, 'reports.mbox'), mbox);
    const result = await run({ path: join(ws.dir, 'reports.mbox'), pathLabel: 'reports.mbox' });
    expect(result.entries.map((e) => [e.source, e.kind, e.recipient])).toEqual([
      ['reports.mbox#1', 'hard', ANNA],
      ['reports.mbox#2', 'auto-reply', null],
      ['reports.mbox#3', 'other', null],
    ]);
    expect(await ws.read('contacts/suppressions.csv')).toContain(`${ANNA},`);
  });

  it('--dry-run lists what would happen and writes nothing', async () => {
    const { ws, run } = await setup();
    const folder = await folderOf(ws.dir, inbox());
    const result = await run({ path: folder, pathLabel: 'saved-reports', dryRun: true });
    expect(result.entries.filter((e) => e.outcome.action === 'suppress')).toHaveLength(3);
    expect(await ws.read('contacts/suppressions.csv')).toBe('email,date,reason\n');
    await expect(ws.read('contacts/bounces.csv')).rejects.toThrow();
    await expect(readFile(readStatePath(ws.dir))).rejects.toThrow();
  });

  it('--since leaves older messages unread', async () => {
    const { ws, run } = await setup();
    const folder = await folderOf(ws.dir, {
      'old.eml': mail.ordinary('old@partner.example'),
      'new.eml': mail.autoReply(CARA, '2026-12').replace('01 Dec 2026', '05 Dec 2026'),
    });
    const result = await run({ path: folder, pathLabel: 'saved', since: '2026-12-03' });
    expect(result.entries.map((e) => e.source)).toEqual(['saved/new.eml']);
  });

  it('stops with a clear error for a PATH that cannot be read', async () => {
    const { ws, run } = await setup();
    const error = await run({ path: join(ws.dir, 'no-such-folder'), pathLabel: 'no-such-folder' }).catch((e: unknown) => e);
    expect(isSnippetError(error) && error.kind).toBe('user');
    expect((error as Error).message).toBe('cannot read no-such-folder: it does not exist');
  });

  it('lists Outlook .msg files as not read, and a message too large to be a report as one line', async () => {
    const { ws, run } = await setup();
    const folder = await folderOf(ws.dir, { 'report.msg': 'binary', 'ok.eml': mail.ordinary('a@b.example') });
    const result = await run({ path: folder, pathLabel: 'saved' });
    expect(result.notRead).toEqual(['report.msg']);
    expect(result.entries).toHaveLength(1);
  });
});

describe('snippet mailbox, the ledgers it matches reports to', () => {
  it('stops with the state folder named when the ledgers cannot be read, instead of matching no issue (regression: every error was "no ledger")', async () => {
    const { ws, run } = await setup();
    const folder = await folderOf(ws.dir, inbox());
    await rm(join(ws.dir, '.snippet/ledger'), { recursive: true });
    await ws.write('.snippet/ledger', 'not a folder');
    const error = await run({ path: folder }).catch((e: unknown) => e);
    expect(isSnippetError(error) && [error.kind, error.message, error.file]).toEqual([
      'user',
      'the delivery state folder .snippet/ cannot be read (ENOTDIR: something in its path is a file, not a folder)',
      '.snippet/ledger',
    ]);
    expect((error as { hint?: string }).hint).toMatch(/^Run snippet as the user that owns \.snippet\//u);
    await expect(readFile(join(ws.dir, 'contacts/bounces.csv'))).rejects.toThrow(/ENOENT/u);
  });

  it('matches no issue, and says nothing of it, when no issue has been sent yet (no ledger folder)', async () => {
    const { ws, run } = await setup();
    const folder = await folderOf(ws.dir, { 'hard.eml': corpusReportFor('lhost-office365-01.eml', ANNA, '2026-12') });
    await rm(join(ws.dir, '.snippet/ledger'), { recursive: true });
    const result = await run({ path: folder, pathLabel: 'saved', dryRun: true });
    expect(result.entries).toMatchObject([{ source: 'saved/hard.eml', recipient: ANNA, issue: null }]);
  });
});

describe('snippet mailbox, outside a workspace', () => {
  it('says the config is not there, rather than that it has problems, and reads nothing', async () => {
    const { ws, run } = await setup();
    const folder = await folderOf(ws.dir, inbox());
    await rm(join(ws.dir, 'snippet.config.yaml'));
    const error = await run({ path: folder }).catch((e: unknown) => e);
    expect(isSnippetError(error) && [error.message, error.hint]).toEqual([
      `snippet.config.yaml was not found in ${ws.dir}`,
      'Run `snippet mailbox` in the workspace folder (or give --dir).',
    ]);
    await expect(readFile(readStatePath(ws.dir))).rejects.toThrow(/ENOENT/u);
  });
});
