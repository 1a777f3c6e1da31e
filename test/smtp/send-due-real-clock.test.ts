import { afterEach, describe, expect, it } from 'vitest';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { sendAction, sendDueAction, sendDueOptions, sendOptions, sendWorkspace } from '../support/send-workspace.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/**
 * `send --due --now` and `send ISSUE` in this process, by the real clock (no clock given), rendered in this process:
 * what is tested is the time the ledger and the rate windows are kept by.
 */
describe('--now decides what is due, never the time sends are stamped with (regression: --now poisoned the rate windows)', () => {
  it('stamps the ledger with the real time when pretending it is June 2027', async () => {
    const ws = await sendWorkspace({ members: 3, sending: 'rate: [20/minute, 25/day]\n  connections: 1\n  retry_delay: 50ms\n  max_wait: 5s' });
    cleanups.push(ws.remove);
    const server = await startSmtpServer();
    cleanups.push(server.close);

    const before = Date.now();
    const due = await sendDueAction(sendDueOptions(ws.dir, server.url, '2027-06-01T09:00', { includeStale: true, render: renderInProcess }));
    const after = Date.now();
    expect(due.code, `${due.stdout}${due.stderr}`).toBe(0);
    expect(server.messages).toHaveLength(3);
    const stamps = (await ws.read('.snippet/ledger/2026-12.jsonl'))
      .trim()
      .split('\n')
      .map((line) => Date.parse((JSON.parse(line) as { at: string }).at));
    for (const at of stamps) expect(at).toBeGreaterThanOrEqual(before - 1_000);
    for (const at of stamps) expect(at).toBeLessThanOrEqual(after + 1_000);

    // The next real send is not made to wait for a pretended future.
    await ws.write('contacts/members.csv', `${await ws.read('contacts/members.csv')}late@example.org,Late Member,aberlour,members\n`);
    const real = await sendAction(sendOptions(ws.dir, server.url, { render: renderInProcess }));
    expect(real.code, `${real.stdout}${real.stderr}`).toBe(0);
    expect(deliveries(server.messages).get('late@example.org')).toBe(1);
  });

  it('keeps the real day limit when pretending it is a later day', async () => {
    const ws = await sendWorkspace({ members: 2, sending: 'rate: [2/day]\n  connections: 1\n  retry_delay: 50ms\n  max_wait: 2s' });
    cleanups.push(ws.remove);
    const server = await startSmtpServer();
    cleanups.push(server.close);

    expect((await sendAction(sendOptions(ws.dir, server.url, { render: renderInProcess }))).code).toBe(0);
    await ws.write('contacts/members.csv', `${await ws.read('contacts/members.csv')}late@example.org,Late Member,aberlour,members\n`);
    const due = await sendDueAction(sendDueOptions(ws.dir, server.url, '2027-06-01T09:00', { includeStale: true, render: renderInProcess }));
    // Two went out today, by the real clock: the day's allowance is used up.
    expect(due.code, `${due.stdout}${due.stderr}`).toBe(75);
    expect(due.stdout).toMatch(/sending limit \(2\/day\) is used up/u);
    expect(server.messages).toHaveLength(2);
  });
});
