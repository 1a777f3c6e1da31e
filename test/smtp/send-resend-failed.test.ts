import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { sendCommand, type SendOptions } from '../../src/actions/send-command.js';
import { statusCommand } from '../../src/actions/status-command.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import type { LedgerEvent } from '../../src/delivery/ledger-event.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { collectOutput } from '../support/collect-output.js';
import { sendOptions, sendWorkspace } from '../support/send-workspace.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const MEMBERS = 41;
const SENDER_DENIED = '550 5.1.0 <snippet@example.org>: Sender denied';

/**
 * A workspace as a send before the fix left it, with `550 5.1.0 … Sender
 * denied` to MAIL FROM: the first recipient delivered (the server was still
 * taking mail), the second in doubt, every other one failed and suppressed
 * as bounced that day; one of them had unsubscribed as well.
 */
async function falselyFailedWorkspace() {
  const ws = await sendWorkspace({ members: MEMBERS });
  cleanups.push(ws.remove);
  const [delivered, inDoubt, ...failed] = ws.addresses;
  const at = (s: number) => `2026-12-01T09:00:${String(s % 60).padStart(2, '0')}.000Z`;
  const events: LedgerEvent[] = [
    { type: 'run', at: at(0), pid: 4242, mode: 'list', transport: 'smtp' },
    { type: 'attempt', at: at(1), to: delivered!, messageId: '<0@x>' },
    { type: 'delivered', at: at(1), to: delivered!, response: '250 2.0.0 OK queued' },
    { type: 'attempt', at: at(2), to: inDoubt!, messageId: '<1@x>' },
    ...failed.flatMap((to, i): LedgerEvent[] => [
      { type: 'attempt', at: at(3 + i), to, messageId: `<${i + 2}@x>` },
      { type: 'failed', at: at(3 + i), to, reason: SENDER_DENIED, bounced: true },
    ]),
  ];
  await mkdir(join(ws.dir, '.snippet/ledger'), { recursive: true });
  await writeFile(join(ws.dir, '.snippet/ledger/2026-12.jsonl'), events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  const unsubscribed = failed[5]!;
  await ws.write(
    'contacts/suppressions.csv',
    `email,date,reason\n${failed.map((to) => `${to},2026-12-01,bounced`).join('\n')}\n${unsubscribed},2026-12-01,unsubscribed\n`,
  );
  return { ws, delivered: delivered!, inDoubt: inDoubt!, failed, unsubscribed };
}

async function send(dir: string, url: string, overrides: Partial<SendOptions> = {}) {
  const out = collectOutput();
  const result = await sendCommand(sendOptions(dir, url, { render: renderInProcess, ...overrides }), sendPrinter(out));
  return { ...result, output: out.text() };
}

describe('repairing a ledger that holds false failures (regression: "nothing to send (41 failed)" after the sender was fixed)', () => {
  it('status explains them and names --resend-failed', async () => {
    const { ws } = await falselyFailedWorkspace();
    const out = collectOutput();
    const status = await statusCommand({ dir: ws.dir, issue: '2026-12', json: false }, out);
    expect(status.refusedAlike).toEqual({ count: MEMBERS - 2, reason: SENDER_DENIED });
    expect(out.text()).toMatch(/39 of the failed were refused in a run where the server refused most recipients alike \(550 5\.1\.0 .*Sender denied\)/u);
    expect(out.text()).toMatch(/`snippet send 2026-12 --resend-failed` sends to them and lifts the suppressions that run wrote/u);
  });

  it('send --resend-failed sends to each failed one once, never the delivered or in doubt, and lifts the false bounces with a record', async () => {
    const { ws, delivered, inDoubt, failed, unsubscribed } = await falselyFailedWorkspace();
    const server = await startSmtpServer();
    cleanups.push(server.close);

    // Without the flag, as before: nothing to send.
    const plain = await send(ws.dir, server.url);
    expect(plain.output).toMatch(/nothing to send \(1 delivered, 39 failed, 1 in doubt, 0 suppressed\)/u);
    expect(server.messages).toHaveLength(0);

    // A dry run says what would happen and changes nothing.
    const dry = await send(ws.dir, server.url, { resendFailed: true, dryRun: true });
    expect(dry.output).toMatch(/2026-12: 38 addresses suppressed as bounced by a run the server refused alike would be lifted/u);
    expect(dry.plan.send).toHaveLength(38);
    expect((await ws.read('contacts/suppressions.csv')).trim().split('\n')).toHaveLength(41);

    const repaired = await send(ws.dir, server.url, { resendFailed: true });
    expect(repaired.exitCode).toBe(1); // the one in doubt from before is still in doubt
    const received = deliveries(server.messages);
    expect(received.size).toBe(38);
    expect([...received.values()].every((n) => n === 1)).toBe(true);
    expect(received.has(delivered)).toBe(false);
    expect(received.has(inDoubt)).toBe(false);
    expect(received.has(unsubscribed)).toBe(false);
    for (const to of failed.filter((a) => a !== unsubscribed)) expect(received.has(to), to).toBe(true);

    // The unsubscribed member stays suppressed (both rows: the bounce was false, the unsubscribe is their word).
    expect(await ws.read('contacts/suppressions.csv')).toBe(`email,date,reason\n${unsubscribed},2026-12-01,bounced\n${unsubscribed},2026-12-01,unsubscribed\n`);
    const record = (await ws.read('contacts/resubscriptions.csv')).trim().split('\n');
    expect(record[0]).toBe('email,suppressed_on,suppression_reason,resubscribed_on,by,reason');
    expect(record).toHaveLength(39);
    expect(record[1]).toMatch(
      /^member\d{5}@example\.org,2026-12-01,bounced,\d{4}-\d{2}-\d{2},snippet send --resend-failed,"?the server refused most of that run's recipients alike \(550 5\.1\.0 <snippet@example\.org>: Sender denied\): the refusal was the server's, not this address's"?$/u,
    );

    // Run again: nobody twice.
    const again = await send(ws.dir, server.url, { resendFailed: true });
    expect(again.output).toMatch(/nothing to send/u);
    expect(server.messages).toHaveLength(38);
  });
});
