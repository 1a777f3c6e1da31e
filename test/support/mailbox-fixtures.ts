import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { MailboxOptions } from '../../src/actions/mailbox-command.js';
import { LedgerFile } from '../../src/delivery/ledger-file.js';
import { ledgerDir, ledgerLabel, ledgerPath } from '../../src/delivery/state-paths.js';
import { unsubscribeToken } from '../../src/mail/unsubscribe-token.js';
import { messageId } from '../../src/mail/message-id.js';
import { readMessage } from '../../src/mailbox/read-message.js';
import { CORPUS_DIR } from './bounce-corpus.js';
import { TEST_UNSUBSCRIBE_SECRET } from './send-workspace.js';
import { sampleWorkspace } from './workspace.js';

/** A hard bounce of our mail to `to`, as a mail server writes one (RFC 3464); the mailbox benchmark writes the same. */
export { hardBounce } from '../../bench/hard-bounce.mjs';

export const MEMBERS = ['anna@nhs.example', 'ben@council.example', 'cara@charity.example', 'dev@nhs.example', 'erin@nhs.example'] as const;
export const UNSUBSCRIBE_MAILTO = 'unsubscribe@example.org';
const DOMAIN = 'example.org';

/** Our Message-ID for an issue and a member, as the send made it. */
export function ourMessageId(issue: string, to: string): string {
  return messageId(issue, to, DOMAIN);
}

/**
 * A real report from the corpus made to be about one of our sends: its
 * failed recipient replaced by a member's address and the returned
 * Message-ID by the one our send used. Everything else is as the server wrote it.
 */
export function corpusReportFor(file: string, member: string, issue: string): Buffer {
  const expected = JSON.parse(readFileSync(join(CORPUS_DIR, 'expected.json'), 'utf8')) as Record<string, { recipients: string[] }>;
  const raw = readFileSync(join(CORPUS_DIR, 'eml', file));
  const original = readMessage(raw, { unsubscribeAddresses: new Set() }).originalMessageId;
  let text = raw.toString('latin1');
  if (original) text = text.split(original).join(ourMessageId(issue, member));
  for (const recipient of expected[file]!.recipients) text = text.split(recipient).join(member);
  return Buffer.from(text, 'latin1');
}

/** An mbox file's text holding `messages`. */
export function mboxOf(messages: readonly string[]): string {
  return messages.map((m) => `From MAILER-DAEMON Mon Dec  7 07:00:00 2026\n${m}`).join('\n');
}

/** Plain messages of the other kinds, as a member's or a stranger's mail program writes them. */
export const mail = {
  autoReply: (from: string, issue: string): string =>
    [
      `From: ${from}`,
      'To: snippet@example.org',
      'Subject: Automatic reply: GGC PMHN snippet',
      'Auto-Submitted: auto-replied',
      `Message-ID: <ooo-${from}>`,
      `In-Reply-To: <${ourMessageId(issue, from)}>`,
      'Date: Tue, 01 Dec 2026 10:00:00 +0000',
      '',
      'I am out of the office until 14 December.',
      '',
    ].join('\r\n'),
  complaint: (member: string, issue: string): string =>
    [
      'From: feedbackloop@isp.example',
      'To: abuse@example.org',
      'Subject: Abuse Report',
      'Message-ID: <arf-1@isp.example>',
      'Date: Tue, 01 Dec 2026 11:00:00 +0000',
      'Content-Type: multipart/report; report-type=feedback-report; boundary="arf"',
      '',
      '--arf',
      'Content-Type: text/plain',
      '',
      'This is an abuse report.',
      '--arf',
      'Content-Type: message/feedback-report',
      '',
      'Feedback-Type: abuse',
      'Version: 1',
      `Original-Rcpt-To: <${member}>`,
      '--arf',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: <${ourMessageId(issue, member)}>`,
      `To: ${member}`,
      '',
      '--arf--',
      '',
    ].join('\r\n'),
  unsubscribe: (member: string, from: string, token: string | undefined, id: string): string =>
    [
      `From: ${from}`,
      `To: ${UNSUBSCRIBE_MAILTO}`,
      `Subject: unsubscribe ${member}${token ? ` ${token}` : ''}`,
      `Message-ID: <${id}>`,
      'Date: Wed, 02 Dec 2026 09:00:00 +0000',
      '',
      'Sent from the unsubscribe link.',
      '',
    ].join('\r\n'),
  ordinary: (id: string): string =>
    [
      'From: colleague@partner.example',
      'To: snippet@example.org',
      'Subject: Course dates for March',
      `Message-ID: <${id}>`,
      'Date: Wed, 02 Dec 2026 12:00:00 +0000',
      '',
      'Could you add our course?',
      '',
    ].join('\r\n'),
};

export function validToken(member: string): string {
  return unsubscribeToken(TEST_UNSUBSCRIBE_SECRET, member);
}

/** Writes a list ledger saying each member was sent the issue (attempt, then delivered), as a send does. */
export async function writeSentLedger(dir: string, issue: string, members: readonly string[]): Promise<void> {
  await mkdir(ledgerDir(dir), { recursive: true });
  const { ledger } = await LedgerFile.open(ledgerPath(dir, issue, 'list'), ledgerLabel(issue, 'list'));
  const at = `${issue}-01T09:00:00.000Z`;
  await ledger.append({ type: 'run', at, pid: 1, mode: 'list', transport: 'smtp://test' });
  for (const to of members) {
    await ledger.append({ type: 'attempt', at, to, messageId: ourMessageId(issue, to) });
    await ledger.append({ type: 'delivered', at, to, response: '250 2.0.0 OK' });
  }
  await ledger.close();
}

/** The sample workspace with five members, no suppressions, and three issues sent to all of them. */
export async function mailboxWorkspace() {
  const ws = await sampleWorkspace();
  await ws.write('contacts/members.csv', `email,name,organisation,lists\n${MEMBERS.map((m) => `${m},${m.split('@')[0]},aberlour,members`).join('\n')}\n`);
  await ws.write('contacts/suppressions.csv', 'email,date,reason\n');
  for (const issue of ['2026-10', '2026-11', '2026-12']) await writeSentLedger(ws.dir, issue, MEMBERS);
  return ws;
}

/** Makes `count` members (member0001@example.org, …) the workspace's members, and returns their addresses. */
export async function manyMembers(ws: { write(file: string, text: string): Promise<void> }, count: number): Promise<string[]> {
  const members = Array.from({ length: count }, (_, i) => `member${String(i + 1).padStart(4, '0')}@example.org`);
  await ws.write('contacts/members.csv', `email,name,organisation,lists\n${members.map((m) => `${m},${m.split('@')[0]},aberlour,members`).join('\n')}\n`);
  return members;
}

/** For a test file: makes a fresh mailboxWorkspace() at each call, removed after the test that made it. */
export function mailboxWorkspaces(): () => ReturnType<typeof mailboxWorkspace> {
  const made: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (made.length > 0) await made.pop()!();
  });
  return async () => {
    const ws = await mailboxWorkspace();
    made.push(ws.remove);
    return ws;
  };
}

/** The options of `snippet mailbox` in a workspace, for in-process tests: a fixed now, the tests' unsubscribe secret, no sign-in. */
export function mailboxOptions(dir: string, overrides: Partial<MailboxOptions> = {}): MailboxOptions {
  return { dir, dryRun: false, now: new Date('2026-12-07T08:00:00Z'), unsubscribeSecret: TEST_UNSUBSCRIBE_SECRET, imap: {}, smtp: {}, ...overrides };
}
