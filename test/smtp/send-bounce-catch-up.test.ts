import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contactsResubscribeCommand } from '../../src/actions/contacts-resubscribe-command.js';
import { sendCommand, type SendOptions } from '../../src/actions/send-command.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { collectOutput } from '../support/collect-output.js';
import { sendOptions, sendWorkspace } from '../support/send-workspace.js';
import { startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A workspace whose member `bouncing` is refused with 550 5.1.1 by a real smtp-server on loopback. */
async function setup(bouncing: string, refuses: (to: string) => boolean = (to) => to === bouncing) {
  const ws = await sendWorkspace({ members: 3 });
  const server = await startSmtpServer({ onRecipient: (to) => (refuses(to) ? '550 5.1.1 No such user here' : undefined) });
  cleanups.push(ws.remove, server.close);
  const send = (overrides: Partial<SendOptions> = {}) => {
    const out = collectOutput();
    return sendCommand(sendOptions(ws.dir, server.url, overrides), sendPrinter(out)).then((result) => ({ ...result, output: out.text() }));
  };
  const addMember = (email: string) => appendFile(join(ws.dir, 'contacts/members.csv'), `${email},New,aberlour,members\n`);
  const suppressedRows = async (email: string) =>
    (await ws.read('contacts/suppressions.csv')).split('\n').filter((row) => row.toLowerCase().startsWith(`${email.toLowerCase()},`));
  return { ws, send, addMember, suppressedRows };
}

describe('bounces caught up by a later run of the same issue', () => {
  it('leaves a resubscribed address alone (regression: the next resume suppressed it again)', async () => {
    const { ws, send, addMember, suppressedRows } = await setup('member00002@example.org');
    expect((await send()).exitCode).toBe(1);
    expect(await suppressedRows('member00002@example.org')).toHaveLength(1);
    await contactsResubscribeCommand({ dir: ws.dir, email: 'member00002@example.org', reason: 'mailbox fixed', by: 'morag', now: new Date() }, collectOutput());
    expect(await suppressedRows('member00002@example.org')).toHaveLength(0);
    await addMember('new2@example.org');
    const again = await send();
    expect(again.output).toMatch(/new2@example\.org|1 sent|delivered/u);
    expect(await suppressedRows('member00002@example.org')).toEqual([]);
  });

  it('suppresses a punycode-form bounce once, keyed as its member is (regression: re-added on every run)', async () => {
    const { send, addMember, suppressedRows } = await setup('ana@xn--bcher-kva.example', (to) => to.startsWith('ana@'));
    await addMember('ana@xn--bcher-kva.example');
    const first = await send();
    expect(first.exitCode).toBe(1);
    await addMember('new2@example.org');
    await send();
    await addMember('new3@example.org');
    await send();
    expect(await suppressedRows('ana@xn--bcher-kva.example')).toHaveLength(1);
  });
});
