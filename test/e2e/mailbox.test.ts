import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusReportFor, mail, mailboxWorkspace, MEMBERS } from '../support/mailbox-fixtures.js';
import { runCli, STACK } from '../support/workspace.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function workspace() {
  const ws = await mailboxWorkspace();
  cleanups.push(ws.remove);
  return ws;
}

describe('snippet mailbox (the built CLI)', () => {
  it('--json prints one {source, kind, recipient, status, issue} per recipient, and one with recipient null for a message without one', async () => {
    const ws = await workspace();
    await mkdir(join(ws.dir, 'saved'));
    await writeFile(join(ws.dir, 'saved', '1.eml'), corpusReportFor('lhost-office365-01.eml', MEMBERS[0], '2026-12'));
    await writeFile(join(ws.dir, 'saved', '2.eml'), mail.autoReply(MEMBERS[2], '2026-12'));
    const result = await runCli(['mailbox', 'saved', '--json'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { source: 'saved/1.eml', kind: 'hard', recipient: MEMBERS[0], status: '5.1.10', issue: '2026-12' },
      { source: 'saved/2.eml', kind: 'auto-reply', recipient: null, status: null, issue: '2026-12' },
    ]);
    expect(await ws.read('contacts/suppressions.csv')).toContain(`${MEMBERS[0]},`);
  });

  it('prints a line per message and a summary, and --dry-run changes nothing', async () => {
    const ws = await workspace();
    await mkdir(join(ws.dir, 'saved'));
    await writeFile(join(ws.dir, 'saved', '1.eml'), corpusReportFor('lhost-office365-01.eml', MEMBERS[0], '2026-12'));
    const result = await runCli(['mailbox', 'saved', '--dry-run'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`saved/1.eml  hard  ${MEMBERS[0]}  5.1.10  (2026-12): would be suppressed, bounced (after delivery)`);
    expect(result.stdout).toContain('[dry run] 1 message read: 1 to suppress, 0 to record, 0 to confirm.');
    expect(await ws.read('contacts/suppressions.csv')).toBe('email,date,reason\n');
  });

  it('exits 1 with one clear line for a PATH that cannot be read', async () => {
    const ws = await workspace();
    const result = await runCli(['mailbox', 'no-such-folder'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: cannot read no-such-folder: it does not exist');
    expect(result.stderr).not.toMatch(STACK);
  });

  it('exits 75 when the IMAP server cannot be reached, without showing the password', async () => {
    const ws = await workspace();
    const config = await ws.read('snippet.config.yaml');
    await ws.write('snippet.config.yaml', `${config}\nmailbox:\n  url: imap://coordinator@127.0.0.1:1/INBOX\n`);
    const result = await runCli(['mailbox'], { cwd: ws.dir, env: { SNIPPET_IMAP_PASS: 'imap-secret-never-shown' } });
    expect(result.code).toBe(75);
    expect(result.stderr).toContain('error: cannot reach the IMAP server 127.0.0.1:1 (ECONNREFUSED)');
    expect(result.stderr + result.stdout).not.toContain('imap-secret-never-shown');
    expect(result.stderr).not.toMatch(STACK);
  });
});
