import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusReportFor, mail, mailboxWorkspaces, MEMBERS } from '../support/mailbox-fixtures.js';
import { runCli } from '../support/workspace.js';

const workspace = mailboxWorkspaces();

/** What the CLI itself shapes (--json); the report's lines and exit codes in process: test/actions/mailbox-report.test.ts. */
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
});
