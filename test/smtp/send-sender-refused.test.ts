import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SendOptions } from '../../src/actions/send-command.js';
import { readLedger } from '../../src/delivery/ledger-file.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { sendInProcess, sendOptions, sendWorkspace } from '../support/send-workspace.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const MEMBERS = 41;

async function workspace() {
  const ws = await sendWorkspace({ members: MEMBERS });
  cleanups.push(ws.remove);
  return ws;
}

function send(dir: string, url: string, overrides: Partial<SendOptions> = {}) {
  return sendInProcess(sendOptions(dir, url, { render: renderInProcess, ...overrides }));
}

/** What the ledger says against recipients: outcomes other than deferral (a deferral is "not sent, send again"). */
async function recordedAgainst(dir: string): Promise<string[]> {
  const events = await readLedger(join(dir, '.snippet/ledger/2026-12.jsonl'), '2026-12');
  return events.filter((e) => e.type === 'failed' || e.type === 'delivered' || e.type === 'in-doubt').map((e) => `${e.type}:${(e as { to: string }).to}`);
}

/** A server that greets with `greeting` and closes: it takes no mail from this client. */
async function refusingGreeter(greeting: string): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    socket.on('error', () => undefined);
    socket.end(`${greeting}\r\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `smtp://127.0.0.1:${(server.address() as { port: number }).port}`, connections: () => connections };
}

describe('a refusal of the sender is never a recipient failure (regression: the whole list recorded failed)', () => {
  it("Microsoft 365's 550 5.7.1 at MAIL FROM stops the run with what to do, and the next run sends to everyone", async () => {
    const ws = await workspace();
    const refusing = await startSmtpServer({ refuseSender: '550 5.7.1 Client does not have permissions to send as this sender' });
    cleanups.push(refusing.close);
    const first = await send(ws.dir, refusing.url);
    expect(first.error?.kind).toBe('user');
    expect(first.error?.message).toMatch(/550 5\.7\.1 Client does not have permissions to send as this sender/u);
    expect(first.error?.message).toMatch(/send-as rights/u);
    expect(first.output).not.toMatch(/failed: member/u);
    // No more tries than connections: the first refusal stops the run.
    expect(refusing.connections()).toBeLessThanOrEqual(3);
    expect(await recordedAgainst(ws.dir)).toEqual([]);

    const working = await startSmtpServer();
    cleanups.push(working.close);
    const second = await send(ws.dir, working.url);
    expect(second.exitCode).toBe(0);
    expect(deliveries(working.messages).size).toBe(MEMBERS);
    expect(working.messages).toHaveLength(MEMBERS);
  });

  it('550 5.1.0 Sender denied adds nobody to suppressions.csv', async () => {
    const ws = await workspace();
    const refusing = await startSmtpServer({ refuseSender: '550 5.1.0 <snippet@example.org>: Sender denied' });
    cleanups.push(refusing.close);
    const first = await send(ws.dir, refusing.url);
    expect(first.error?.message).toMatch(/550 5\.1\.0 <snippet@example\.org>: Sender denied/u);
    expect(first.error?.message).toMatch(/from\.address/u);
    expect(await ws.read('contacts/suppressions.csv')).toBe('email,date,reason\n');
    expect(await recordedAgainst(ws.dir)).toEqual([]);
  });

  it('a 554 greeting stops the run at once, tried once per connection, nothing recorded', async () => {
    const ws = await workspace();
    const greeter = await refusingGreeter('554 5.7.1 This server does not take mail from your address');
    const first = await send(ws.dir, greeter.url, { connections: 1 });
    expect(first.error?.kind).toBe('user');
    expect(first.error?.message).toMatch(/554 5\.7\.1 This server does not take mail from your address/u);
    expect(greeter.connections()).toBe(1);
    expect(await recordedAgainst(ws.dir)).toEqual([]);
    const ledger = await readFile(join(ws.dir, '.snippet/ledger/2026-12.jsonl'), 'utf8').catch(() => '');
    expect(ledger).not.toMatch(/"type":"attempt"/u);
  });

  it('a refused sign-in stops the run, recording nothing against anyone', async () => {
    const ws = await workspace();
    const server = await startSmtpServer({ auth: { user: 'newsletter', pass: 'the-right-one' } });
    cleanups.push(server.close);
    const url = server.url.replace('the-right-one', 'a-wrong-one');
    const first = await send(ws.dir, url);
    expect(first.error?.message).toMatch(/refused the sign-in/u);
    expect(server.messages).toHaveLength(0);
    expect(await recordedAgainst(ws.dir)).toEqual([]);
  });
});
