import { afterEach, describe, expect, it } from 'vitest';
import { runCli, STACK } from '../support/workspace.js';
import { sendWorkspace } from '../support/send-workspace.js';
import { startSmtpServer } from '../support/smtp-test-server.js';

const env = { SNIPPET_UNSUBSCRIBE_SECRET: 'unsubscribe-secret-for-tests-0123456789', NO_COLOR: '1' };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

// Each spawns the built CLI, which renders the issue in a child of its own: slower than most on a busy machine.
describe('snippet send when the server refuses the sender or everyone (CLI wording and exit codes)', () => {
  it("Microsoft 365's send-as refusal: exit 1, the server's words and what to do, no stack", async () => {
    const ws = await sendWorkspace({ members: 6 });
    const server = await startSmtpServer({ refuseSender: '550 5.7.1 Client does not have permissions to send as this sender' });
    cleanups.push(ws.remove, server.close);
    const result = await runCli(['send', '2026-12', '--yes', '--early'], { cwd: ws.dir, env: { ...env, SNIPPET_SMTP_URL: server.url } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: the mail server refused the sender \(MAIL FROM\): 550 5\.7\.1 Client does not have permissions to send as this sender\. No message can go to anyone until that is fixed: give the signed-in mailbox \(SNIPPET_SMTP_USER\) send-as rights/mu,
    );
    expect(result.stderr).toMatch(/^ {2}hint: Nothing is lost: run the same command again once it is fixed/mu);
    expect(result.stdout).not.toMatch(/failed: member/u);
    expect(result.stderr).not.toMatch(STACK);
  }, 90_000);

  it('a relay refusing everyone: exit 1 naming --no-safety-stop; with it, the refusals are taken as real (exit 1)', async () => {
    const ws = await sendWorkspace({ members: 12, sending: 'rate: []\n  connections: 1\n  retry_delay: 50ms\n  max_wait: 5s' });
    const server = await startSmtpServer({ onRecipient: () => '550 5.1.1 User unknown' });
    cleanups.push(ws.remove, server.close);
    const options = { cwd: ws.dir, env: { ...env, SNIPPET_SMTP_URL: server.url } };
    const stopped = await runCli(['send', '2026-12', '--yes', '--early'], options);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(
      /^error: safety stop: the server refused 7 of the first 7 recipients with the same 5\.1\.1 \(the last: 550 5\.1\.1 User unknown\)/mu,
    );
    expect(stopped.stderr).toMatch(/run the same command with --no-safety-stop\.$/mu);
    expect(await ws.read('contacts/suppressions.csv')).toBe('email,date,reason\n');
    const forced = await runCli(['send', '2026-12', '--yes', '--early', '--no-safety-stop'], options);
    expect(forced.code).toBe(1);
    expect(forced.stdout).toMatch(/^(\S+Z )?2026-12: delivered 0, deferred 0, failed 12, in doubt 0, suppressed 0;/mu);
    expect((await ws.read('contacts/suppressions.csv')).trim().split('\n')).toHaveLength(13);
  }, 90_000);
});
