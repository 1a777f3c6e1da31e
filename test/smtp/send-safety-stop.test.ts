import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SendOptions } from '../../src/actions/send-command.js';
import { recipientStates } from '../../src/delivery/ledger-event.js';
import { readLedger } from '../../src/delivery/ledger-file.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { sendInProcess, sendOptions, sendWorkspace } from '../support/send-workspace.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const MEMBERS = 41;
const NO_SUCH_USER = '550 5.1.1 Recipient address rejected: User unknown in relay recipient table';

function send(dir: string, url: string, overrides: Partial<SendOptions> = {}) {
  return sendInProcess(sendOptions(dir, url, { render: renderInProcess, ...overrides }));
}

async function states(dir: string) {
  return recipientStates(await readLedger(join(dir, '.snippet/ledger/2026-12.jsonl'), '2026-12'));
}

describe('the safety stop (regression: a relay answering 5.1.1 to everyone suppressed the whole list in one run)', () => {
  it('stops after most of the first recipients are refused alike, suppressing nobody; the next run sends to all', async () => {
    const ws = await sendWorkspace({ members: MEMBERS });
    const relay = await startSmtpServer({ onRecipient: () => NO_SUCH_USER });
    cleanups.push(ws.remove, relay.close);
    const first = await send(ws.dir, relay.url);
    expect(first.error?.kind).toBe('user'); // exit 1
    expect(first.error?.message).toMatch(/^safety stop: the server refused 11 of the first 1[1-3] recipients with the same 5\.1\.1 \(the last: 550 5\.1\.1 /u);
    expect(first.error?.hint).toMatch(/--no-safety-stop/u);
    expect(first.output).not.toMatch(/^ {2}failed: /mu);
    expect(await ws.read('contacts/suppressions.csv')).toBe('email,date,reason\n');
    const after = await states(ws.dir);
    expect([...after.values()].filter((s) => s.state === 'failed')).toEqual([]);
    // Stopped at the 11th refusal, give or take the other two connections' messages in flight.
    expect(after.size).toBeGreaterThanOrEqual(11);
    expect(after.size).toBeLessThanOrEqual(13);

    const fixed = await startSmtpServer();
    cleanups.push(fixed.close);
    const second = await send(ws.dir, fixed.url);
    expect(second.exitCode).toBe(0);
    expect(deliveries(fixed.messages).size).toBe(MEMBERS);
    expect(fixed.messages).toHaveLength(MEMBERS);
  });

  it('with --no-safety-stop the refusals are taken as real: failed and suppressed', async () => {
    const ws = await sendWorkspace({ members: MEMBERS });
    const relay = await startSmtpServer({ onRecipient: () => NO_SUCH_USER });
    cleanups.push(ws.remove, relay.close);
    const result = await send(ws.dir, relay.url, { safetyStop: false });
    expect(result.exitCode).toBe(1);
    expect((await ws.read('contacts/suppressions.csv')).trim().split('\n')).toHaveLength(MEMBERS + 1);
    // And a later run catches nothing up against that word either way: every one is already suppressed.
    expect([...(await states(ws.dir)).values()].every((s) => s.state === 'failed')).toBe(true);
  });

  it('does not trip on a list with a few dead addresses among the first', async () => {
    const ws = await sendWorkspace({ members: MEMBERS });
    const dead = new Set(ws.addresses.slice(0, 20).filter((_, i) => i % 3 === 0)); // 7 of the first 20
    const server = await startSmtpServer({ onRecipient: (to) => (dead.has(to) ? NO_SUCH_USER : undefined) });
    cleanups.push(ws.remove, server.close);
    const result = await send(ws.dir, server.url);
    expect(result.error).toBeUndefined();
    expect(result.exitCode).toBe(1);
    expect(server.messages).toHaveLength(MEMBERS - dead.size);
    expect((await ws.read('contacts/suppressions.csv')).trim().split('\n')).toHaveLength(dead.size + 1);
  });
});
