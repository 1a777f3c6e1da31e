import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/actions/doctor-command.js';
import type { SendOptions } from '../../src/actions/send-command.js';
import { readSmtpEnvironment } from '../../src/actions/read-smtp-environment.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { runAction } from '../support/run-action.js';
import { sendAction, sendOptions, sendWorkspace, statusAction } from '../support/send-workspace.js';
import { startSmtpServer } from '../support/smtp-test-server.js';
import { STACK } from '../support/workspace.js';

/**
 * `snippet send ISSUE` and `snippet status`, called in this process as the CLI calls them, their lines and exit
 * codes as the CLI prints and ends with. The first test renders in the render child, as the CLI's send does; the
 * others render in this process (MJML loaded once for the file), since what they test comes after rendering
 * (test/integration/render-in-child.test.ts has the child). What needs the process (a usage error commander
 * finds, the wording main.ts gives, the redaction of printed lines) stays in test/e2e/send.test.ts.
 */
let ws: Awaited<ReturnType<typeof sendWorkspace>>;
beforeEach(async () => {
  ws = await sendWorkspace({ members: 25 });
});
afterEach(async () => {
  await ws.remove();
});

/** `snippet send 2026-12 --yes --early` to the SMTP server at `url`, rendered in this process. */
const toServer = (url: string, overrides: Partial<SendOptions> = {}): SendOptions => sendOptions(ws.dir, url, { render: renderInProcess, ...overrides });

/** `snippet send 2026-12 --outbox outbox --yes` (no SMTP settings, `--early` not given), rendered in this process. */
const toOutbox = (overrides: Partial<SendOptions> = {}): SendOptions => toServer('', { smtp: {}, outbox: join(ws.dir, 'outbox'), early: false, ...overrides });

describe('snippet send', () => {
  it('sends into an outbox through the ledger, once', async () => {
    // Rendered in the render child, as the CLI's send renders.
    const first = await sendAction(toOutbox({ render: undefined }));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^(\S+Z )?2026-12: delivered 25, deferred 0, failed 0, in doubt 0, suppressed 0;/mu);
    const files = await readdir(join(ws.dir, 'outbox'));
    expect(files.sort()).toEqual(ws.addresses.map((a) => `${a}.eml`).sort());
    expect(await readFile(join(ws.dir, 'outbox', files[0]!), 'utf8')).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/mu);
    const again = await sendAction(toOutbox());
    expect(again).toMatchObject({ code: 0, stdout: expect.stringMatching(/nothing to send \(25 delivered/u) });
    const status = await statusAction(ws.dir);
    expect(JSON.parse(status.stdout)).toMatchObject({ issue: '2026-12', audience: 25, delivered: 25, inDoubt: [], failed: [] });
  });

  it('refuses to send a draft to the list (exit 1), naming the file', async () => {
    await ws.write('issues/2026-12.md', (await ws.read('issues/2026-12.md')).replace(/^status: .*$/mu, 'status: draft'));
    const result = await sendAction(toOutbox());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^issues\/2026-12\.md: error: 2026-12 is a draft/mu);
    expect(result.stderr).not.toMatch(STACK);
  });

  it('refuses to send before send_at without a terminal (exit 1) and sends with --early (regression: January sent 36 days early)', async () => {
    // Far ahead whatever today's date, and without dated items that a send date so late would make wrong.
    await ws.write('issues/2026-12.md', '---\nsubject: "December: scheduled far ahead"\nsend_at: 2099-12-01T09:00\nstatus: approved\n---\nHello.\n');
    const server = await startSmtpServer();
    try {
      const refused = await sendAction(toServer(server.url, { early: false }));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/2026-12 is scheduled for 2099-12-01 09:00 Europe\/London, in \d+ days: it is not sent to the list before then/u);
      expect(refused.stderr).toMatch(/add --early/u);
      expect(refused.stderr).not.toMatch(STACK);
      expect(server.messages).toHaveLength(0);
      const early = await sendAction(toServer(server.url, { early: true }));
      expect(early.code, early.stderr).toBe(0);
      expect(server.messages).toHaveLength(25);
    } finally {
      await server.close();
    }
  });

  it('needs --yes without a terminal (exit 2)', async () => {
    const result = await sendAction(toOutbox({ yes: false }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/needs --yes/u);
  });

  it('explains a missing SMTP configuration (exit 1) and a missing unsubscribe secret', async () => {
    const noSmtp = await sendAction(toServer('', { smtp: {}, early: true }));
    expect(noSmtp.code).toBe(1);
    expect(noSmtp.stderr).toMatch(/no SMTP server is configured/u);
    expect(noSmtp.stderr).not.toMatch(STACK);
    const noSecret = await sendAction(toOutbox({ unsubscribeSecret: undefined }));
    expect(noSecret.code).toBe(1);
    expect(noSecret.stderr).toMatch(/SNIPPET_UNSUBSCRIBE_SECRET is not set/u);
  });

  it('refuses an unsubscribe secret shorter than 32 characters, saying how to make one (regression: SNIPPET_UNSUBSCRIBE_SECRET=a was accepted)', async () => {
    const short = await sendAction(toOutbox({ unsubscribeSecret: 'a' }));
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/SNIPPET_UNSUBSCRIBE_SECRET is too short \(1 character\): it needs at least 32/u);
    expect(short.stderr).toMatch(/openssl rand -hex 32/u);
    expect(short.stderr).not.toMatch(STACK);
  });

  it('refuses a --test-to that is not an address (exit 2)', async () => {
    const result = await sendAction(toOutbox({ testTo: ['not-an-address'], outbox: join(ws.dir, 'o') }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--test-to "not-an-address" is not an email address/u);
  });

  it('prints the plan with --dry-run and writes nothing', async () => {
    const result = await sendAction(toOutbox({ outbox: undefined, dryRun: true, yes: false, rates: [{ count: 10, unit: 'minute' }] }));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/to send now\s+25/u);
    expect(result.stdout).toMatch(/limits\s+10\/minute/u);
    expect(result.stdout).toMatch(/estimated time\s+2 min/u);
    await expect(readdir(join(ws.dir, '.snippet'))).rejects.toThrow();
  });

  it('never shows the SMTP password in what it prints, unredacted (exit 75)', async () => {
    const result = await sendAction(toServer('smtp://user:hunter2-secret@127.0.0.1:1', { early: true }));
    expect(`${result.stdout}${result.stderr}`).not.toContain('hunter2-secret');
    expect(result.code).toBe(75);
  });
});

describe('snippet send --outbox that cannot be used', () => {
  it('stops with exit 1 before any attempt, leaving nobody in doubt (regression: a file given as --outbox)', async () => {
    await ws.write('not-a-folder', 'x');
    const result = await sendAction(toOutbox({ outbox: join(ws.dir, 'not-a-folder') }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the outbox folder .*not-a-folder cannot be used \(EEXIST\)/u);
    expect(result.stderr).not.toMatch(STACK);
    const status = await statusAction(ws.dir, '2026-12');
    expect(JSON.parse(status.stdout)).toMatchObject({ delivered: 0, inDoubt: [], notYetAttempted: 25 });
  });
});

describe('snippet status without a send to report', () => {
  it('says so when nothing was sent, and refuses an issue that neither exists nor was sent', async () => {
    const nothing = await statusAction(ws.dir, undefined, false);
    expect(nothing).toMatchObject({ code: 1, stderr: expect.stringMatching(/nothing has been sent from this workspace yet/u) });
    const unknown = await statusAction(ws.dir, '2030-01', false);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringMatching(/there is no issue 2030-01/u) });
    // An issue that exists but was not sent yet is reported as not yet tried.
    const unsent = await statusAction(ws.dir, '2026-12');
    expect(JSON.parse(unsent.stdout)).toMatchObject({ issue: '2026-12', notYetAttempted: 25 });
  });
});

describe('an unreadable SNIPPET_SMTP_PASS_FILE', () => {
  // The SMTP settings as the CLI reads them from the environment (src/cli/read-smtp-environment.ts).
  const badFile = () => readSmtpEnvironment({ SNIPPET_SMTP_URL: 'smtp://user@127.0.0.1:1', SNIPPET_SMTP_PASS_FILE: '/nonexistent/password' });

  it("is one of doctor's checks, not the end of them", async () => {
    const result = await runAction(
      (out) => doctorCommand({ dir: ws.dir, smtp: badFile(), unsubscribeSecret: undefined, passFile: '/nonexistent/password' }, out),
      (outcome) => outcome.exitCode,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ok\s+workspace/mu);
    expect(result.stdout).toMatch(/^FAIL\s+SMTP settings: cannot read SNIPPET_SMTP_PASS_FILE \(\/nonexistent\/password\): ENOENT/mu);
  });

  it('does not stop a send that uses no SMTP', async () => {
    expect((await sendAction(toOutbox({ smtp: badFile() }))).code).toBe(0);
  });

  it('stops an SMTP send with the reason and no stack trace', async () => {
    const result = await sendAction(toServer('', { smtp: badFile(), early: true }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read SNIPPET_SMTP_PASS_FILE/u);
    expect(result.stderr).not.toMatch(STACK);
  });
});
