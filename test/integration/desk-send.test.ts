import { afterEach, describe, expect, it } from 'vitest';
import { acquireSendLock } from '../../src/delivery/send-lock.js';
import { lockPath } from '../../src/delivery/state-paths.js';
import { startDesk, type DeskHandle } from '../../src/desk/start-desk.js';
import type { Output } from '../../src/output.js';
import { deskClient } from '../support/desk-client.js';
import { sendWorkspace } from '../support/send-workspace.js';
import { startSmtpServer } from '../support/smtp-test-server.js';
import { STACK } from '../support/workspace.js';

const silent: Output = { info: () => undefined, warn: () => undefined, problems: () => undefined, status: () => undefined, interactive: false };
let desk: DeskHandle;
const { call, signIn, post } = deskClient(() => desk);
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A workspace of three members whose coordinator has an address, a desk on it with `env`, and the desk's cookie. */
async function deskOn(env: NodeJS.ProcessEnv, options: { status?: 'draft' | 'approved'; now?: string } = {}) {
  const ws = await sendWorkspace({ members: 3, status: options.status ?? 'draft' });
  cleanup.push(() => ws.remove());
  const config = await ws.read('snippet.config.yaml');
  await ws.write('snippet.config.yaml', config.replace('  role: network coordinator\n', '  role: network coordinator\n  email: morag@example.org\n'));
  desk = await startDesk(
    {
      dir: ws.dir,
      host: '127.0.0.1',
      port: 0,
      open: false,
      unsubscribeSecret: 'desk-unsubscribe-secret-0123456789',
      env,
      now: () => new Date(options.now ?? '2026-12-02T12:00:00Z'),
    },
    silent,
  );
  cleanup.push(() => desk.close());
  return { ws, cookie: await signIn() };
}

async function smtpServer(behaviour: Parameters<typeof startSmtpServer>[0] = {}) {
  const server = await startSmtpServer(behaviour);
  cleanup.push(() => server.close());
  return server;
}

/** Follows the desk's send as its page does, one answer per change, until it ends. */
async function followSend(cookie: string): Promise<{ ended: string; html: string }> {
  let seen = -1;
  for (let turn = 0; turn < 200; turn++) {
    const state = JSON.parse((await call(`/issues/2026-12/send/progress?seen=${seen}`, { headers: { Cookie: cookie } })).body) as {
      version: number;
      ended: string | null;
      html: string;
    } | null;
    if (!state) throw new Error('no send is running');
    if (state.ended) return { ended: state.ended, html: state.html };
    seen = state.version;
  }
  throw new Error('the send never ended');
}

describe('test send from the desk', () => {
  it('sends the saved draft to the coordinator’s address from the config, and says so', async () => {
    const server = await smtpServer();
    const { cookie } = await deskOn({ SNIPPET_SMTP_URL: server.url });
    const editor = await call('/issues/2026-12', { headers: { Cookie: cookie } });
    expect(editor.body).toContain('<input type="email" id="test-to" name="to" value="morag@example.org"');
    const sent = await post('/issues/2026-12/test-send', new URLSearchParams({ to: 'morag@example.org' }), cookie);
    expect(sent.status).toBe(303);
    expect(server.messages.map((m) => m.to)).toEqual([['morag@example.org']]);
    expect(server.messages[0]!.raw.toString('utf8')).toMatch(/^Subject: \[TEST\] /mu);
    const after = await call('/issues/2026-12', { headers: { Cookie: cookie } });
    expect(after.body).toMatch(/Test sent to morag@example.org at \d\d:\d\d: the mail server took it/u);
  });

  it('takes one address only, answered beside the field, and sends nothing', async () => {
    const server = await smtpServer();
    const { cookie } = await deskOn({ SNIPPET_SMTP_URL: server.url });
    for (const typed of ['morag@example.org, anna@example.org', 'morag@example.org anna@example.org', 'not an address']) {
      const answer = await post('/issues/2026-12/test-send', new URLSearchParams({ to: typed }), cookie);
      expect(answer.status, typed).toBe(422);
      expect(answer.body).toMatch(
        /<p id="p-test-to" class="field-problem"><strong>Error:<\/strong> (One address only|&quot;not an address&quot; is not an email address)/u,
      );
      expect(answer.body).toContain('aria-invalid="true"');
    }
    expect(server.messages).toEqual([]);
  });

  it('answers a send form over its bound with a page, not a dropped connection, and sends nothing', async () => {
    const server = await smtpServer();
    const { cookie } = await deskOn({ SNIPPET_SMTP_URL: server.url });
    const answer = await post('/issues/2026-12/test-send', new URLSearchParams({ to: `${'m'.repeat(100 * 1024)}@example.org` }), cookie);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('Nothing was sent');
    expect(server.messages).toEqual([]);
  });

  it('says plainly that the mail server is not set up, and what to set', async () => {
    const { cookie } = await deskOn({});
    await post('/issues/2026-12/test-send', new URLSearchParams({ to: 'morag@example.org' }), cookie);
    const after = (await call('/issues/2026-12', { headers: { Cookie: cookie } })).body;
    expect(after).toContain('The test was not sent. The mail server is not set up.');
    expect(after).toContain('SNIPPET_SMTP_HOST, SNIPPET_SMTP_PORT, SNIPPET_SMTP_USER and SNIPPET_SMTP_PASS');
    expect(after).toContain('snippet.env');
    expect(after).not.toMatch(STACK);
  });

  it('never shows the password, even when the server refuses the sign-in', async () => {
    const server = await smtpServer({ auth: { user: 'snippet', pass: 'the-right-one' } });
    const password = 'Wr0ng-Secret-Pass';
    const { cookie } = await deskOn({ SNIPPET_SMTP_URL: server.url.replace('smtp://', `smtp://snippet:${password}@`) });
    await post('/issues/2026-12/test-send', new URLSearchParams({ to: 'morag@example.org' }), cookie);
    const after = (await call('/issues/2026-12', { headers: { Cookie: cookie } })).body;
    expect(after).toContain('The test was not sent.');
    expect(after).not.toContain(password);
    expect(after).not.toContain(Buffer.from(`\0snippet\0${password}`).toString('base64'));
    expect(server.messages).toEqual([]);
  });
});

describe('send now from the desk', () => {
  it('before its send time, sends nothing without the explicit early yes, then sends with it and shows the status', async () => {
    const server = await smtpServer();
    const { cookie } = await deskOn({ SNIPPET_SMTP_URL: server.url }, { status: 'approved', now: '2026-11-20T12:00:00Z' });
    const asked = await call('/issues/2026-12/send', { headers: { Cookie: cookie } });
    expect(asked.body).toContain('Yes, send it now, before its scheduled time');
    expect(asked.body).toContain('Send to 3 members now');
    expect(server.messages).toEqual([]);

    expect((await post('/issues/2026-12/send', new URLSearchParams({}), cookie)).status).toBe(303);
    const declined = await followSend(cookie);
    expect(declined.html).toContain('Nothing was sent: its send time has not come');
    expect(server.messages).toEqual([]);
    await call('/issues/2026-12/send', { headers: { Cookie: cookie } });

    expect((await post('/issues/2026-12/send', new URLSearchParams({ early: 'yes' }), cookie)).status).toBe(303);
    const sent = await followSend(cookie);
    expect(sent.ended).toBe('sent');
    expect(sent.html).toContain('3 of 3 done: 3 delivered, 0 not.');
    expect(sent.html).toContain('Done: 3 delivered, 0 failed, 0 in doubt');
    expect(server.messages).toHaveLength(3);
    const status = await call('/issues/2026-12/status', { headers: { Cookie: cookie } });
    expect(status.body).toMatch(/<th scope="row">Delivered<\/th><td>3<\/td>/u);
    // Shown once, then the question again: everyone has it, nobody gets it twice.
    await call('/issues/2026-12/send', { headers: { Cookie: cookie } });
    expect((await call('/issues/2026-12/send', { headers: { Cookie: cookie } })).body).toContain('Nothing to send: everyone has it already');
  }, 90_000);

  it('refuses a draft: only an approved issue goes to the list', async () => {
    const server = await smtpServer();
    const { cookie } = await deskOn({ SNIPPET_SMTP_URL: server.url });
    const asked = await call('/issues/2026-12/send', { headers: { Cookie: cookie } });
    expect(asked.body).toContain('Only an approved issue goes to the list.');
    expect(asked.body).not.toContain('members now</button>');
  });

  it('answers plainly when another send holds the send lock, and sends nothing', async () => {
    const server = await smtpServer();
    const { ws, cookie } = await deskOn({ SNIPPET_SMTP_URL: server.url }, { status: 'approved' });
    const lock = await acquireSendLock(lockPath(ws.dir), 'send --due');
    cleanup.push(() => lock.release());
    await post('/issues/2026-12/send', new URLSearchParams({ early: 'yes' }), cookie);
    const stopped = await followSend(cookie);
    expect(stopped.ended).toBe('stopped');
    expect(stopped.html).toContain('Another send is running: ');
    expect(stopped.html).toContain('Wait for it to finish');
    expect(server.messages).toEqual([]);
  });
});
