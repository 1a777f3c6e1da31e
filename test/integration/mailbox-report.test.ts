import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailboxCommand, type MailboxOptions } from '../../src/actions/mailbox-command.js';
import { entryLine, summaryLines } from '../../src/cli/mailbox-report.js';
import { readImapEnvironment } from '../../src/cli/read-imap-environment.js';
import { corpusReportFor, mailboxOptions, mailboxWorkspaces, MEMBERS } from '../support/mailbox-fixtures.js';
import { runAction } from '../support/run-action.js';
import { STACK } from '../support/workspace.js';

const workspace = mailboxWorkspaces();

/**
 * `snippet mailbox [PATH] [--dry-run]` in this process (no SNIPPET_UNSUBSCRIBE_SECRET), worded as
 * src/cli/commands/mailbox.ts words it: a line per entry as it comes, then the summary (`--json`, which the CLI
 * shapes, is test/e2e/mailbox.test.ts's). Integration: the last test dials an IMAP port that refuses.
 */
function mailbox(dir: string, overrides: Partial<MailboxOptions>) {
  return runAction(async (out) => {
    const dryRun = overrides.dryRun === true;
    const result = await mailboxCommand(
      mailboxOptions(dir, { now: new Date(), unsubscribeSecret: undefined, ...overrides, onEntry: (entry) => out.info(entryLine(entry, dryRun)) }),
    );
    for (const line of summaryLines(result, { dryRun, processedFolder: result.processedFolder })) out.info(line);
    return result;
  });
}

describe('snippet mailbox', () => {
  it('prints a line per message and a summary, and --dry-run changes nothing', async () => {
    const ws = await workspace();
    await mkdir(join(ws.dir, 'saved'));
    await writeFile(join(ws.dir, 'saved', '1.eml'), corpusReportFor('lhost-office365-01.eml', MEMBERS[0], '2026-12'));
    const result = await mailbox(ws.dir, { path: join(ws.dir, 'saved'), pathLabel: 'saved', dryRun: true });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`saved/1.eml  hard  ${MEMBERS[0]}  5.1.10  (2026-12): would be suppressed, bounced (after delivery)`);
    expect(result.stdout).toContain('[dry run] 1 message read: 1 to suppress, 0 to record, 0 to confirm.');
    expect(await ws.read('contacts/suppressions.csv')).toBe('email,date,reason\n');
  });

  it('exits 1 with one clear line for a PATH that cannot be read', async () => {
    const ws = await workspace();
    const result = await mailbox(ws.dir, { path: join(ws.dir, 'no-such-folder'), pathLabel: 'no-such-folder' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: cannot read no-such-folder: it does not exist');
    expect(result.stderr).not.toMatch(STACK);
  });

  it('exits 75 when the IMAP server cannot be reached, without showing the password', async () => {
    const ws = await workspace();
    const config = await ws.read('snippet.config.yaml');
    await ws.write('snippet.config.yaml', `${config}\nmailbox:\n  url: imap://coordinator@127.0.0.1:1/INBOX\n`);
    // Nothing is redacted in process: the password must not be in any line at all.
    const result = await mailbox(ws.dir, { imap: readImapEnvironment({ SNIPPET_IMAP_PASS: 'imap-secret-never-shown' }) });
    expect(result.code).toBe(75);
    expect(result.stderr).toContain('error: cannot reach the IMAP server 127.0.0.1:1 (ECONNREFUSED)');
    expect(result.stderr + result.stdout).not.toContain('imap-secret-never-shown');
    expect(result.stderr).not.toMatch(STACK);
  });
});
