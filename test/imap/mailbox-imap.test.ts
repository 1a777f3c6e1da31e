import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { mailboxCommand, type MailboxOptions } from '../../src/actions/mailbox-command.js';
import { doctorCommand } from '../../src/actions/doctor-command.js';
import { statusCommand } from '../../src/actions/status-command.js';
import { isSnippetError } from '../../src/errors.js';
import { collectOutput } from '../support/collect-output.js';
import { IMAP_PASS, IMAP_USER, startDovecot, type Dovecot } from '../support/dovecot.js';
import { corpusReportFor, mail, mailboxOptions, mailboxWorkspace, MEMBERS, ourMessageId, validToken } from '../support/mailbox-fixtures.js';
import { TEST_UNSUBSCRIBE_SECRET } from '../support/send-workspace.js';

const [ANNA, BEN, CARA, DEV, ERIN] = MEMBERS;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup(options: { port?: (dovecot: Dovecot) => number | Promise<number> } = {}) {
  const dovecot = await startDovecot();
  cleanups.push(dovecot.stop);
  const ws = await mailboxWorkspace();
  cleanups.push(ws.remove);
  const port = options.port ? await options.port(dovecot) : dovecot.port;
  const config = await ws.read('snippet.config.yaml');
  await ws.write('snippet.config.yaml', `${config}\nmailbox:\n  url: imap://${IMAP_USER}@127.0.0.1:${port}/INBOX\n`);
  const run = (overrides: Partial<MailboxOptions> = {}) =>
    mailboxCommand(mailboxOptions(ws.dir, { imap: { SNIPPET_IMAP_PASS: IMAP_PASS }, timeoutMs: 5_000, ...overrides }));
  return { dovecot, ws, run };
}

/** After a send: real reports about it, replies, a complaint, an unsubscribe request, a forged one, and ordinary mail. */
const INBOX = [
  ['hard', corpusReportFor('lhost-office365-01.eml', ANNA, '2026-12')],
  ['soft', corpusReportFor('lhost-outlook-01.eml', BEN, '2026-12')],
  ['auto-reply', mail.autoReply(CARA, '2026-12')],
  ['complaint', mail.complaint(DEV, '2026-12')],
  ['unsubscribe', mail.unsubscribe(ERIN, ERIN, validToken(ERIN), 'unsub-1@nhs.example')],
  ['forged', mail.unsubscribe(CARA, 'prankster@elsewhere.example', undefined, 'unsub-2@elsewhere.example')],
  ['ordinary', mail.ordinary('course@partner.example')],
] as const;

async function deliverAll(dovecot: Dovecot): Promise<void> {
  for (const [, message] of INBOX) await dovecot.deliver('INBOX', message);
}

describe('snippet mailbox over IMAP (Dovecot on loopback)', () => {
  it('suppresses, moves only the reports it acted on, and leaves everything else where it was, unread', async () => {
    const { dovecot, ws, run } = await setup();
    await deliverAll(dovecot);
    const result = await run();
    expect(result.entries.map((e) => [e.source.replace(/:\d+$/u, ''), e.kind, e.recipient, e.outcome.action])).toEqual([
      ['INBOX', 'hard', ANNA, 'suppress'],
      ['INBOX', 'soft', BEN, 'record'],
      ['INBOX', 'auto-reply', null, 'nothing'],
      ['INBOX', 'complaint', DEV, 'suppress'],
      ['INBOX', 'unsubscribe', ERIN, 'suppress'],
      ['INBOX', 'unsubscribe', CARA, 'confirm'],
      ['INBOX', 'other', null, 'nothing'],
    ]);
    expect(result.moved).toBe(4);
    const suppressions = await ws.read('contacts/suppressions.csv');
    expect(suppressions.trim().split('\n').slice(1)).toEqual([
      `${ANNA},2026-12-07,bounced (after delivery)`,
      `${DEV},2026-12-07,complaint`,
      `${ERIN},2026-12-07,unsubscribed (email)`,
    ]);

    const inbox = await dovecot.list('INBOX');
    expect(inbox.map((m) => m.messageId).sort()).toEqual([`ooo-${CARA}`, 'course@partner.example', 'unsub-2@elsewhere.example'].sort());
    expect(inbox.every((m) => !m.flags.includes('\\Seen'))).toBe(true);
    const processed = await dovecot.list('snippet/processed');
    expect(processed).toHaveLength(4);
    expect(processed.every((m) => !m.flags.includes('\\Seen') && !m.flags.includes('\\Deleted'))).toBe(true);

    const out = collectOutput();
    await statusCommand({ dir: ws.dir, issue: '2026-12', json: false }, out);
    expect(out.text()).toContain(`bounced after delivery: ${ANNA}: hard 5.1.10`);
    expect(out.text()).toContain(`bounced after delivery: ${BEN}: soft 5.2.2`);
  });

  it('changes nothing on a second run', async () => {
    const { dovecot, ws, run } = await setup();
    await deliverAll(dovecot);
    await run();
    const files = { suppressions: await ws.read('contacts/suppressions.csv'), bounces: await ws.read('contacts/bounces.csv') };
    const folders = { inbox: await dovecot.list('INBOX'), processed: await dovecot.list('snippet/processed') };
    const again = await run();
    expect(again.moved).toBe(0);
    expect(again.entries.map((e) => e.outcome.action)).toEqual(['confirm']);
    expect(await ws.read('contacts/suppressions.csv')).toBe(files.suppressions);
    expect(await ws.read('contacts/bounces.csv')).toBe(files.bounces);
    expect(await dovecot.list('INBOX')).toEqual(folders.inbox);
    expect(await dovecot.list('snippet/processed')).toEqual(folders.processed);
  });

  it('loses nothing and repeats nothing when the connection drops in the middle of a run', async () => {
    let proxy: Server | undefined;
    const { dovecot, ws, run } = await setup({
      port: async (d) => {
        proxy = dropOnSecondMove(d.port);
        await once(proxy, 'listening');
        return (proxy.address() as { port: number }).port;
      },
    });
    cleanups.push(async () => {
      proxy!.close();
    });
    await deliverAll(dovecot);
    const stopped = await run().catch((error: unknown) => error);
    expect(isSnippetError(stopped) && stopped.kind).toBe('tempfail');
    expect((stopped as Error).message).toMatch(/^cannot reach the IMAP server 127\.0\.0\.1:\d+ /u);
    // The reports are written in one batch: all four were acted on and recorded before the second move was cut off.
    expect((await ws.read('contacts/bounces.csv')).trim().split('\n')).toHaveLength(5);

    // The next run, on a good connection, finishes the move and does the rest, once.
    const config = await ws.read('snippet.config.yaml');
    await ws.write('snippet.config.yaml', config.replace(/127\.0\.0\.1:\d+/u, `127.0.0.1:${dovecot.port}`));
    const resumed = await run();
    // The reports whose moves were cut off are only moved now: they were acted on and recorded before, as
    // were the reply and the ordinary mail. Only the forged request, waiting for the coordinator, is read again.
    expect(resumed.seenBefore).toBe(5);
    expect(resumed.read).toBe(1);
    expect(resumed.moved).toBe(3);
    const suppressions = (await ws.read('contacts/suppressions.csv')).trim().split('\n').slice(1);
    expect(suppressions).toHaveLength(3);
    expect(new Set(suppressions).size).toBe(3);
    const bounces = (await ws.read('contacts/bounces.csv')).trim().split('\n').slice(1);
    expect(bounces).toHaveLength(4);
    expect(new Set(bounces.map((row) => row.split(',')[1])).size).toBe(4);
    expect(await dovecot.list('snippet/processed')).toHaveLength(4);
    expect(await dovecot.list('INBOX')).toHaveLength(3);
  });

  it('exits with "try again later" when the server cannot be reached', async () => {
    const { run } = await setup({ port: () => 1 });
    const error = await run().catch((e: unknown) => e);
    expect(isSnippetError(error) && error.kind).toBe('tempfail');
    expect((error as Error).message).toBe('cannot reach the IMAP server 127.0.0.1:1 (ECONNREFUSED)');
  });

  it('says so plainly when the password is wrong, and never repeats it', async () => {
    const { run } = await setup();
    const error = await run({ imap: { SNIPPET_IMAP_PASS: 'wrong-password-123' } }).catch((e: unknown) => e);
    expect(isSnippetError(error) && error.kind).toBe('user');
    expect((error as Error).message).toBe('the IMAP server 127.0.0.1 refused the sign-in');
    expect(JSON.stringify(error)).not.toContain('wrong-password-123');
  });

  it('names the folder when it does not exist (or vanished)', async () => {
    const { ws, run } = await setup();
    const config = await ws.read('snippet.config.yaml');
    await ws.write('snippet.config.yaml', config.replace(/\/INBOX$/mu, '/Bounces'));
    const error = await run().catch((e: unknown) => e);
    expect(isSnippetError(error) && error.kind).toBe('user');
    expect((error as Error).message).toMatch(/^the folder Bounces cannot be opened on 127\.0\.0\.1: /u);
  });

  it('snippet doctor checks the mailbox sign-in and the folder', async () => {
    const { ws } = await setup();
    const doctor = (imap: { SNIPPET_IMAP_PASS: string }) =>
      doctorCommand({ dir: ws.dir, smtp: {}, imap, unsubscribeSecret: TEST_UNSUBSCRIBE_SECRET }, collectOutput());
    const good = (await doctor({ SNIPPET_IMAP_PASS: IMAP_PASS })).checks.find((c) => c.name.startsWith('mailbox '));
    expect(good).toMatchObject({ status: 'ok', detail: `signed in as ${IMAP_USER} (password); the folder INBOX opens` });
    const bad = (await doctor({ SNIPPET_IMAP_PASS: 'not-the-password' })).checks.find((c) => c.name.startsWith('mailbox '));
    expect(bad).toMatchObject({ status: 'fail', detail: 'the IMAP server 127.0.0.1 refused the sign-in' });
  });

  it('matches a report to the issue by the returned Message-ID, as the send recorded it', async () => {
    const { dovecot, run } = await setup();
    await dovecot.deliver('INBOX', corpusReportFor('lhost-postfix-14.eml', ANNA, '2026-10'));
    const result = await run();
    expect(result.entries[0]).toMatchObject({ kind: 'hard', recipient: ANNA, status: '5.1.1', issue: '2026-10' });
    expect(ourMessageId('2026-10', ANNA)).toMatch(/^snippet\.2026-10\./u);
  });
});

/** A loopback proxy to Dovecot that cuts both sides when the client sends its second UID MOVE, before Dovecot sees it. */
function dropOnSecondMove(target: number): Server {
  let moves = 0;
  const server = createServer((client: Socket) => {
    const upstream = connect(target, '127.0.0.1');
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      if (/UID MOVE/u.test(chunk.toString('latin1')) && ++moves === 2) {
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
  });
  server.listen(0, '127.0.0.1');
  return server;
}
