import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/actions/doctor-command.js';
import { sendDueCommand } from '../../src/actions/send-due-command.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { collectOutput } from '../support/collect-output.js';
import { sendDueOptions, sendWorkspace, TEST_UNSUBSCRIBE_SECRET } from '../support/send-workspace.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const TOKEN = 'test-access-token-5c1d';
const USER = 'snippet@example.org';

/** A loopback port nothing listens on: the mailbox cannot be read, after its sign-in has been chosen. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A workspace signing in with smtp.oauth2's token command, which notes each time it runs, and a mailbox. */
async function setup() {
  const ws = await sendWorkspace({ members: 3 });
  cleanups.push(ws.remove);
  await writeFile(join(ws.dir, 'token.js'), `require('node:fs').appendFileSync('token-runs', 'ran\\n'); process.stdout.write('${TOKEN}\\n');\n`);
  const mailbox = `imap://${USER}@127.0.0.1:${await closedPort()}/INBOX`;
  await ws.write(
    'snippet.config.yaml',
    `${await ws.read('snippet.config.yaml')}smtp:\n  oauth2:\n    token_command: '"${process.execPath}" token.js'\nmailbox:\n  url: ${mailbox}\n  before_send: true\n`,
  );
  const server = await startSmtpServer({ auth: { user: USER, accessToken: TOKEN } });
  cleanups.push(server.close);
  const runs = async () => (await readFile(join(ws.dir, 'token-runs'), 'utf8')).split('\n').filter(Boolean).length;
  return { ws, server, runs, smtp: { SNIPPET_SMTP_URL: server.url, SNIPPET_SMTP_USER: USER } };
}

describe('one OAuth2 token a run, for the SMTP server and the mailbox alike (regression: two token fetches)', () => {
  it('snippet doctor asks the token command once', async () => {
    const { ws, runs, smtp } = await setup();
    const out = collectOutput();
    await doctorCommand(
      { dir: ws.dir, smtp, unsubscribeSecret: TEST_UNSUBSCRIBE_SECRET, smtpTimeouts: { connection: 5_000, greeting: 5_000, socket: 5_000 } },
      out,
    );
    expect(out.lines).toContain(`ok    sign-in: signed in as ${USER} with an OAuth2 token`);
    expect(out.lines.find((line) => line.includes('mailbox '))).toMatch(/^FAIL/u);
    expect(await runs()).toBe(1);
  });

  it('send --due with mailbox.before_send asks the token command once', async () => {
    const { ws, server, runs, smtp } = await setup();
    const out = collectOutput();
    const outcome = await sendDueCommand(sendDueOptions(ws.dir, server.url, '2026-12-01T09:15', { smtp, mailboxTimeoutMs: 5_000 }), sendPrinter(out));
    expect(outcome.issues).toMatchObject([{ issue: '2026-12', result: 'sent', delivered: 3 }]);
    expect(deliveries(server.messages).size).toBe(3);
    expect(await runs()).toBe(1);
  });
});
