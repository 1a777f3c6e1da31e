import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mailboxSignIns } from '../../src/actions/mailbox-sign-in.js';
import type { Config } from '../../src/config/config.js';
import { parseImapAddress, type ImapAddress } from '../../src/config/imap-address.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

describe('signing in to the mailboxes of one run', () => {
  it('asks the OAuth2 token command once for all the mailboxes, not once a mailbox', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snippet-signin-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    // The token tool writes a line each time it runs, then prints the token.
    await writeFile(join(dir, 'token.js'), "require('node:fs').appendFileSync('runs', 'ran\\n'); process.stdout.write('access-token-1234\\n');\n");
    const config = { smtp: { oauth2: { source: 'command', command: `"${process.execPath}" token.js` } } } as unknown as Config;
    const signInTo = mailboxSignIns(config, {}, { SNIPPET_SMTP_USER: 'snippet@nhs.example' }, dir);
    const first = await signInTo(parseImapAddress('imaps://mail.nhs.example/INBOX') as ImapAddress);
    const second = await signInTo(parseImapAddress('imaps://mail.nhs.example/Bounces') as ImapAddress);
    expect([first, second]).toEqual([
      { user: 'snippet@nhs.example', accessToken: 'access-token-1234' },
      { user: 'snippet@nhs.example', accessToken: 'access-token-1234' },
    ]);
    expect(await readFile(join(dir, 'runs'), 'utf8')).toBe('ran\n');
  });
});
