import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { sendCommand, type SendOptions } from '../../src/actions/send-command.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { collectOutput } from '../support/collect-output.js';
import { sendOptions, sendWorkspace } from '../support/send-workspace.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup(members: number, behaviour: Parameters<typeof startSmtpServer>[0] = {}, sending?: string) {
  const ws = await sendWorkspace({ members, ...(sending ? { sending } : {}) });
  const server = await startSmtpServer(behaviour);
  cleanups.push(ws.remove, server.close);
  const send = (overrides: Partial<SendOptions> = {}) => {
    const out = collectOutput();
    const options = sendOptions(ws.dir, server.url, overrides);
    return sendCommand(options, sendPrinter(out)).then((result) => ({ ...result, output: out.text() }));
  };
  return { ws, server, send };
}

describe('send over SMTP (real smtp-server on loopback)', () => {
  it('sends 500 recipients exactly one message each, one recipient per message', async () => {
    const { ws, server, send } = await setup(500);
    const result = await send();
    expect(result.exitCode).toBe(0);
    const counts = deliveries(server.messages);
    expect(counts.size).toBe(500);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(counts.keys())).toEqual(new Set(ws.addresses));
    expect(server.messages.every((m) => m.to.length === 1)).toBe(true);
    expect(server.maxConcurrentConnections()).toBeLessThanOrEqual(3);
    const parsed = await simpleParser(server.messages[0]!.raw);
    expect(parsed.to).toMatchObject({ value: [{ address: server.messages[0]!.to[0] }] });
    expect(parsed.html).toContain('Dear colleague,');
    // A second run sends nothing more.
    const again = await send();
    expect(again.exitCode).toBe(0);
    expect(again.output).toMatch(/nothing to send \(500 delivered/u);
    expect(server.messages).toHaveLength(500);
  });

  it('recovers from 421 on connect', async () => {
    const { server, send } = await setup(6, { refuseConnections: 2 });
    const result = await send({ connections: 1 });
    expect(result.exitCode).toBe(0);
    expect(deliveries(server.messages).size).toBe(6);
    expect(server.messages).toHaveLength(6);
  });

  it('retries recipients refused with 451 and delivers them', async () => {
    const refused = new Set(['member00002@example.org', 'member00004@example.org']);
    const { ws, server, send } = await setup(5, {
      onRecipient: (to, attempt) => (refused.has(to) && attempt === 1 ? '451 4.3.0 Mailbox busy, try later' : undefined),
    });
    const result = await send();
    expect(result.exitCode).toBe(0);
    expect(server.messages).toHaveLength(5);
    const ledger = await readFile(join(ws.dir, '.snippet/ledger/2026-12.jsonl'), 'utf8');
    expect(ledger).toMatch(/"type":"deferred","at":"[^"]+","to":"member00002@example.org","reason":"451 4.3.0 Mailbox busy, try later"/u);
  });

  it('fails recipients refused with 550 5.1.1, suppresses them as bounced, and exits 1', async () => {
    const { ws, server, send } = await setup(4, { onRecipient: (to) => (to === 'member00003@example.org' ? '550 5.1.1 No such user here' : undefined) });
    const result = await send();
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatch(/failed: member00003@example\.org: 550 5\.1\.1 No such user here/u);
    expect(server.messages).toHaveLength(3);
    expect(await ws.read('contacts/suppressions.csv')).toMatch(/^member00003@example\.org,\d{4}-\d{2}-\d{2},bounced$/mu);
    // It is not tried again.
    expect((await send()).output).toMatch(/nothing to send/u);
  });

  it('leaves a recipient in doubt when the connection drops after the data, and resends only with the flag', async () => {
    const { server, send } = await setup(3, { afterData: (to, attempt) => (to === 'member00002@example.org' && attempt === 1 ? 'drop' : 'accept') });
    const first = await send({ connections: 1 });
    expect(first.exitCode).toBe(1);
    expect(first.output).toMatch(/in doubt: member00002@example\.org/u);
    expect(deliveries(server.messages).get('member00002@example.org')).toBe(1);
    const second = await send();
    expect(second.exitCode).toBe(1);
    expect(second.output).toMatch(/in doubt: member00002@example\.org/u);
    expect(deliveries(server.messages).get('member00002@example.org')).toBe(1);
    const forced = await send({ resendInDoubt: true });
    expect(forced.exitCode).toBe(0);
    expect(deliveries(server.messages).get('member00002@example.org')).toBe(2);
    expect(server.messages).toHaveLength(4);
  });

  it("keeps every window of the limit, by the server's own clock", async () => {
    const { server, send } = await setup(14, {});
    const result = await send({ rates: [{ count: 4, unit: 'second' }], connections: 2 });
    expect(result.exitCode).toBe(0);
    const times = server.messages.map((m) => m.mailFromAt).sort((a, b) => a - b);
    for (let i = 4; i < times.length; i++) expect(times[i]! - times[i - 4]!).toBeGreaterThanOrEqual(1000);
  });

  it('keeps the window when a message takes long on the wire (21 arrived in one second at 20/second)', async () => {
    // The server holds the first transaction: that message arrives late, so
    // the window it counts in ends late too.
    const { server, send } = await setup(8, { hook: (stage, count) => (stage === 'mail' && count === 1 ? new Promise((r) => setTimeout(r, 400)) : undefined) });
    const result = await send({ rates: [{ count: 4, unit: 'second' }], connections: 2 });
    expect(result.exitCode).toBe(0);
    const times = server.messages.map((m) => m.receivedAt).sort((a, b) => a - b);
    for (let i = 4; i < times.length; i++) expect(times[i]! - times[i - 4]!).toBeGreaterThanOrEqual(1000);
  });

  it('counts what an earlier run sent inside the window', async () => {
    const { server, send } = await setup(15, {}, 'rate: [10/minute]\n  connections: 2\n  retry_delay: 50ms\n  max_wait: 2s');
    const first = await send();
    expect(first.exitCode).toBe(75);
    expect(first.output).toMatch(/sending limit \(10\/minute\) is used up/u);
    expect(server.messages).toHaveLength(10);
    const second = await send();
    expect(second.exitCode).toBe(75);
    expect(server.messages).toHaveLength(10);
  });

  it('stops with 75 when the server is down, leaving everyone for the next run', async () => {
    const { server, send } = await setup(
      20,
      { refuseConnections: 1000 },
      'rate: []\n  connections: 2\n  retry_delay: 20ms\n  retries: 2\n  stop_after_failures: 4\n  max_wait: 2s',
    );
    const result = await send();
    expect(result.exitCode).toBe(75);
    expect(result.output).toMatch(/the mail server seems down/u);
    expect(server.messages).toHaveLength(0);
    expect(result.report!.delivered).toHaveLength(0);
    expect(result.report!.inDoubt).toHaveLength(0);
  });

  it('prints the plan on --dry-run and sends nothing', async () => {
    const { server, send } = await setup(12);
    const result = await send({ dryRun: true });
    expect(result.exitCode).toBe(0);
    expect(result.output).toMatch(/\[Dry run\] 2026-12/u);
    expect(result.output).toMatch(/to send now\s+12/u);
    expect(server.messages).toHaveLength(0);
  });

  it('sends a test only to --test-to, marked [TEST], recorded apart from the issue', async () => {
    const { ws, server, send } = await setup(3);
    const result = await send({ testTo: ['coordinator@example.org'] });
    expect(result.exitCode).toBe(0);
    expect(server.messages.map((m) => m.to)).toEqual([['coordinator@example.org']]);
    expect((await simpleParser(server.messages[0]!.raw)).subject).toMatch(/^\[TEST\] /u);
    await expect(readFile(join(ws.dir, '.snippet/ledger/2026-12.test.jsonl'), 'utf8')).resolves.toMatch(/coordinator@example\.org/u);
    const list = await send({ dryRun: true });
    expect(list.output).toMatch(/to send now\s+3/u);
  });

  it("sends a test over one connection, as its start line says, whatever the list's connections (regression: the line said 1, the engine opened the list's)", async () => {
    const { server, send } = await setup(3, {}, 'rate: []\n  connections: 3');
    const result = await send({ testTo: ['one@example.org', 'two@example.org', 'three@example.org'] });
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain('sending 2026-12 (test) to 3 via ');
    expect(result.output).toContain(', 1 connection');
    expect(server.messages).toHaveLength(3);
    expect(server.maxConcurrentConnections()).toBe(1);
    expect(server.connections()).toBe(1);
  });

  it('never writes the SMTP password to output or state, and a wrong one stops the run', async () => {
    const password = 'correct-horse-battery-staple';
    const { ws, server, send } = await setup(3, { auth: { user: 'snippet', pass: password } });
    const ok = await send();
    expect(ok.exitCode).toBe(0);
    expect(server.messages).toHaveLength(3);
    await expect(send({ smtp: { SNIPPET_SMTP_URL: server.url.replace(password, 'wrong-password-123') }, testTo: ['x@example.org'] })).rejects.toThrow(
      /refused the sign-in/u,
    );
    const state = await Promise.all(
      ['.snippet/ledger/2026-12.jsonl', '.snippet/ledger/2026-12.test.jsonl', 'contacts/suppressions.csv'].map((f) => ws.read(f).catch(() => '')),
    );
    expect(`${ok.output}${state.join('')}`).not.toContain(password);
    expect(state.join('')).not.toContain('wrong-password-123');
  });
});
