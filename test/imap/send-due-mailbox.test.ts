import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sendDueCommand } from '../../src/actions/send-due-command.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { collectOutput } from '../support/collect-output.js';
import { IMAP_PASS, IMAP_USER, startDovecot } from '../support/dovecot.js';
import { corpusReportFor, mail, mailboxWorkspace, MEMBERS } from '../support/mailbox-fixtures.js';
import { sendDueOptions } from '../support/send-workspace.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';

const [ANNA, BEN, CARA, DEV, ERIN] = MEMBERS;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/**
 * The members were sent October and November (their ledgers say so);
 * December is approved and not sent yet. The mailbox is read over IMAP at
 * `imapPort` when mailbox.before_send is true.
 */
async function setup(imapPort: number, beforeSend: boolean) {
  const ws = await mailboxWorkspace();
  const server = await startSmtpServer();
  cleanups.push(ws.remove, server.close);
  await rm(join(ws.dir, '.snippet', 'ledger', '2026-12.jsonl'));
  const issue = await ws.read('issues/2026-12.md');
  await ws.write('issues/2026-12.md', issue.replace(/^status: .*$/mu, 'status: approved'));
  const config = (await ws.read('snippet.config.yaml')).replace(/^sending:[\s\S]*?(?=^\S)/mu, 'sending:\n  rate: []\n  connections: 2\n');
  await ws.write('snippet.config.yaml', `${config}\nmailbox:\n  url: imap://${IMAP_USER}@127.0.0.1:${imapPort}/INBOX\n  before_send: ${beforeSend}\n`);
  const cron = async () => {
    const out = collectOutput();
    const options = sendDueOptions(ws.dir, server.url, '2026-12-01T09:15', { imap: { SNIPPET_IMAP_PASS: IMAP_PASS }, mailboxTimeoutMs: 5_000 });
    const outcome = await sendDueCommand(options, sendPrinter(out));
    return { ...outcome, output: out.text() };
  };
  return { ws, server, cron };
}

describe('send --due with mailbox.before_send', () => {
  it('reads the mailbox first, so the due issue never goes to an address that bounced or complained last month', async () => {
    const dovecot = await startDovecot();
    cleanups.push(dovecot.stop);
    await dovecot.deliver('INBOX', corpusReportFor('lhost-office365-01.eml', ANNA, '2026-11'));
    await dovecot.deliver('INBOX', mail.complaint(DEV, '2026-11'));
    await dovecot.deliver('INBOX', mail.ordinary('course@partner.example'));
    const { ws, server, cron } = await setup(dovecot.port, true);

    const result = await cron();
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('mailbox read before sending: 3 new messages, 2 addresses suppressed');
    expect([...deliveries(server.messages).keys()].sort()).toEqual([BEN, CARA, ERIN]);
    expect(await ws.read('contacts/suppressions.csv')).toMatch(new RegExp(`${ANNA},[\\d-]+,bounced \\(after delivery\\)`, 'u'));
    expect(await dovecot.list('snippet/processed')).toHaveLength(2);
    expect((await dovecot.list('INBOX')).map((m) => m.messageId)).toEqual(['course@partner.example']);
  });

  it('leaves the mailbox alone when before_send is false', async () => {
    const dovecot = await startDovecot();
    cleanups.push(dovecot.stop);
    await dovecot.deliver('INBOX', corpusReportFor('lhost-office365-01.eml', ANNA, '2026-11'));
    const { server, cron } = await setup(dovecot.port, false);
    const result = await cron();
    expect(result.output).not.toContain('mailbox');
    expect(deliveries(server.messages).get(ANNA)).toBe(1);
    expect(await dovecot.list('INBOX')).toHaveLength(1);
  });

  it('warns and still sends when the mailbox cannot be reached', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused.
    const { server, cron } = await setup(1, true);
    const result = await cron();
    expect(result.exitCode).toBe(0);
    expect(result.issues).toMatchObject([{ issue: '2026-12', result: 'sent', delivered: 5 }]);
    expect(result.output).toContain('warning: the mailbox was not read before sending: cannot reach the IMAP server 127.0.0.1:1 (ECONNREFUSED)');
    expect(result.output).toContain('The send goes on with the suppressions as they are');
    expect([...deliveries(server.messages).keys()].sort()).toEqual([...MEMBERS].sort());
  });
});
