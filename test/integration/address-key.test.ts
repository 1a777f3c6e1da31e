import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SendOptions } from '../../src/actions/send-command.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';
import { sendAction, sendOptions, sendWorkspace } from '../support/send-workspace.js';
import { snippetInProcess } from '../support/snippet-in-process.js';

/** One mailbox written two ways: its domain in Unicode and in punycode. */
const MEMBERS =
  'email,name,organisation,lists\nanna@bücher.example,Anna,aberlour,members\nanna@xn--bcher-kva.example,Anna again,aberlour,members\nbob@example.org,Bob,aberlour,members\n';

let ws: Awaited<ReturnType<typeof sendWorkspace>>;
beforeEach(async () => {
  ws = await sendWorkspace({ members: 0 });
});
afterEach(async () => {
  await ws.remove();
});

/** `snippet send 2026-12 --outbox outbox --yes` in this process, rendered in this process (the addresses are what is tested). */
const toOutbox = (overrides: Partial<SendOptions> = {}) =>
  sendAction(sendOptions(ws.dir, '', { smtp: {}, outbox: join(ws.dir, 'outbox'), early: false, render: renderInProcess, ...overrides }));

describe('one address key for an international domain', () => {
  it('mails anna@bücher.example and anna@xn--bcher-kva.example once over SMTP (regression: two messages to one mailbox)', async () => {
    await ws.write('contacts/members.csv', MEMBERS);
    const server = await startSmtpServer();
    try {
      const result = await sendAction(sendOptions(ws.dir, server.url, { render: renderInProcess }));
      expect(result.stdout).toMatch(/2026-12: delivered 2, deferred 0, failed 0, in doubt 0/u);
      expect(server.messages).toHaveLength(2);
      expect([...deliveries(server.messages).keys()].filter((to) => /^anna@/u.test(to))).toHaveLength(1);
    } finally {
      await server.close();
    }
    const check = await snippetInProcess(ws.dir)(['contacts', 'check']);
    expect(check.stderr).toMatch(/contacts\/members\.csv:3: warning: anna@xn--bcher-kva\.example is already listed on line 2/u);
  });

  it('writes one outbox file per mailbox, and none overwrites another (regression: 2 delivered, 1 file)', async () => {
    await ws.write(
      'contacts/members.csv',
      'email,name\nanna@bücher.example,Anna\nanna@bächer.example,Anna B\nannaé@example.org,Anna E\nanna_@example.org,Anna U\n',
    );
    const result = await toOutbox();
    expect(result.stdout).toMatch(/delivered 4,/u);
    expect((await readdir(join(ws.dir, 'outbox'))).sort()).toEqual([
      'anna%C3%A9@example.org.eml',
      'anna@xn--bcher-gra.example.eml',
      'anna@xn--bcher-kva.example.eml',
      'anna_@example.org.eml',
    ]);
  });

  it('a suppression in one form suppresses the other (regression: the punycode suppression let the Unicode member through)', async () => {
    await ws.write('contacts/members.csv', MEMBERS);
    await ws.write('contacts/suppressions.csv', 'email,date,reason\nANNA@XN--BCHER-KVA.EXAMPLE,2026-10-01,unsubscribed\n');
    const result = await toOutbox();
    expect(result.stdout).toMatch(/delivered 1, deferred 0, failed 0, in doubt 0, suppressed 1/u);
    expect(await readdir(join(ws.dir, 'outbox'))).toEqual(['bob@example.org.eml']);
  });

  it('reads a ledger written before the key was normalised: a punycode entry counts for the Unicode member', async () => {
    await ws.write('contacts/members.csv', 'email,name\nanna@bücher.example,Anna\nbob@example.org,Bob\n');
    await mkdir(join(ws.dir, '.snippet/ledger'), { recursive: true });
    const at = '2026-11-30T09:00:00.000Z';
    const ledger = [
      { type: 'run', at, pid: 1, mode: 'list', transport: 'outbox' },
      { type: 'attempt', at, to: 'anna@xn--bcher-kva.example', messageId: '<a@example.org>' },
      { type: 'delivered', at, to: 'anna@xn--bcher-kva.example', response: 'written' },
    ];
    await writeFile(join(ws.dir, '.snippet/ledger/2026-12.jsonl'), ledger.map((event) => `${JSON.stringify(event)}\n`).join(''));
    const result = await toOutbox();
    expect(result.stdout).toMatch(/delivered 1,/u);
    expect(await readdir(join(ws.dir, 'outbox'))).toEqual(['bob@example.org.eml']);
  });
});
