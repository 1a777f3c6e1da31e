import { afterEach, describe, expect, it } from 'vitest';
import type { SendOptions } from '../../src/actions/send-command.js';
import { statusCommand } from '../../src/actions/status-command.js';
import { sendDueCommand } from '../../src/actions/send-due-command.js';
import { parseRateLimit, type RateLimit } from '../../src/config/rate-limit.js';
import { sendPrinter, sendQuestionLine } from '../../src/cli/send-printer.js';
import { collectOutput } from '../support/collect-output.js';
import { sendInProcess, sendOptions, sendWorkspace, type SendWorkspaceOptions } from '../support/send-workspace.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';
import { virtualClock } from '../support/virtual-clock.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** December's issue is scheduled for 2026-12-01 09:00, London time (09:00Z). */
const DAY_BEFORE = Date.parse('2026-11-30T10:00:00Z');

async function setup(options: SendWorkspaceOptions = { members: 4 }) {
  const ws = await sendWorkspace(options);
  const server = await startSmtpServer();
  cleanups.push(ws.remove, server.close);
  const send = (overrides: Partial<SendOptions>) =>
    sendInProcess(sendOptions(ws.dir, server.url, { clock: virtualClock(DAY_BEFORE), early: false, ...overrides }));
  return { ws, server, send };
}

describe('sending before send_at (regression: January sent to everyone 36 days early)', () => {
  it('refuses without a terminal (exit 1, with the hint), even with --yes, and sends nothing', async () => {
    const { server, send } = await setup();
    const result = await send({ yes: true, confirm: undefined });
    expect(result.error?.message).toBe('2026-12 is scheduled for 2026-12-01 09:00 Europe/London, in 23 hours: it is not sent to the list before then');
    expect(result.error?.kind).toBe('user'); // exit 1
    expect(result.error?.hint).toMatch(/--early/u);
    expect(result.error?.hint).toMatch(/send --due/u);
    expect(server.messages).toHaveLength(0);
  });

  it('sends with --early', async () => {
    const { ws, server, send } = await setup();
    const result = await send({ yes: true, confirm: undefined, early: true });
    expect(result.exitCode, result.output).toBe(0);
    expect([...deliveries(server.messages).keys()].sort()).toEqual(ws.addresses);
  });

  it('asks on a terminal, naming the scheduled time and how far ahead it is, and takes no answer as no', async () => {
    const { server, send } = await setup();
    const questions: string[] = [];
    // --yes answers the ordinary question, not the question of sending early.
    const result = await send({ yes: true, confirm: (question) => (questions.push(sendQuestionLine(question)), Promise.resolve(false)) });
    expect(questions).toEqual([
      expect.stringMatching(
        /^2026-12 is scheduled for 2026-12-01 09:00 Europe\/London, in 23 hours\. Send "[^"]+" to 4 members now, before then, via smtp:\/\/127\.0\.0\.1:\d+\? \[y\/N\] $/u,
      ),
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatch(/Nothing was sent\./u);
    expect(server.messages).toHaveLength(0);
  });

  it('sends on a terminal when the answer is yes', async () => {
    const { server, send } = await setup();
    const result = await send({ yes: false, confirm: () => Promise.resolve(true) });
    expect(result.exitCode, result.output).toBe(0);
    expect(server.messages).toHaveLength(4);
  });

  it('never asks once the time has come', async () => {
    const { server, send } = await setup();
    const result = await send({ yes: true, confirm: undefined, clock: virtualClock(Date.parse('2026-12-01T09:00:00Z')) });
    expect(result.exitCode, result.output).toBe(0);
    expect(server.messages).toHaveLength(4);
  });
});

describe('send --dry-run shows the schedule', () => {
  it('works on a draft, saying it will not be sent until approved (regression: "is a draft" error on a dry run)', async () => {
    const { server, send } = await setup({ members: 3, status: 'draft' });
    const result = await send({ dryRun: true });
    expect(result.error, result.output).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(result.output).toMatch(/^ {2}status {10}draft: not sent to the list until it is approved \(status: approved\)$/mu);
    expect(result.output).toMatch(/^ {2}scheduled {7}2026-12-01 09:00 Europe\/London, in 23 hours$/mu);
    expect(result.output).toMatch(/^ {2}to send now {5}3$/mu);
    expect(server.messages).toHaveLength(0);
  });

  it('shows the schedule of an approved issue', async () => {
    const { send } = await setup({ members: 3 });
    const result = await send({ dryRun: true });
    expect(result.output).toMatch(/^ {2}status {10}approved$/mu);
    expect(result.output).toMatch(/^ {2}scheduled {7}2026-12-01 09:00 Europe\/London, in 23 hours$/mu);
  });
});

describe('send --due after an issue was sent in full', () => {
  it('never lists it as next (regression: "next: 2027-01" after January went out early)', async () => {
    const { ws, send } = await setup({ members: 3 });
    expect((await send({ yes: true, confirm: undefined, early: true })).exitCode).toBe(0);
    const out = collectOutput();
    const cron = await sendDueCommand(
      {
        dir: ws.dir,
        now: '2026-11-30T12:00',
        includeStale: false,
        dryRun: true,
        outbox: undefined,
        rates: undefined,
        connections: undefined,
        resendInDoubt: false,
        smtp: {},
        unsubscribeSecret: 'unsubscribe-secret-for-tests',
      },
      sendPrinter(out),
    );
    expect(cron.next).toBeUndefined();
    expect(out.text()).not.toMatch(/next: 2026-12/u);
    expect(out.text()).toMatch(/^summary: nothing due at 2026-11-30 12:00 Europe\/London;.* no issue is scheduled after it; exit 0/mu);
  });
});

describe('a test send', () => {
  it('uses one connection (regression: a one-message test send opened three)', async () => {
    const { server, send } = await setup({ members: 3, sending: 'rate: []\n  connections: 3\n  retry_delay: 50ms\n  max_wait: 5s' });
    const result = await send({ testTo: ['coordinator@example.org'], yes: false });
    expect(result.exitCode, result.output).toBe(0);
    expect(server.messages).toHaveLength(1);
    expect(server.connections()).toBe(1);
  });
});

describe('waiting for a sending limit', () => {
  it('is one line that says until when, in local time (regression: "waiting 60 s" printed three times)', async () => {
    // Three messages at two a minute: two go at once, the third after one wait, which all three connections wait for.
    const { server, send } = await setup({ members: 3, sending: 'rate: []\n  connections: 3\n  retry_delay: 50ms\n  max_wait: 10m' });
    const rates: RateLimit[] = [parseRateLimit('2/minute')!];
    const result = await send({ yes: true, confirm: undefined, early: true, rates });
    expect(result.exitCode, result.output).toBe(0);
    expect(server.messages).toHaveLength(3);
    const waits = result.lines.filter((line) => /waiting/u.test(line));
    expect(waits).toEqual([expect.stringMatching(/^waiting until 2026-11-30 10:01:\d\d Europe\/London for the sending limit \(2\/minute\)$/u)]);
  });
});

describe('snippet status', () => {
  it("prints times in the workspace's time zone, and keeps ISO in --json (regression: 2026-11-30T10:06:06.470Z)", async () => {
    const { ws, send } = await setup({ members: 2 });
    expect((await send({ yes: true, confirm: undefined, early: true })).exitCode).toBe(0);
    expect((await send({ testTo: ['coordinator@example.org'] })).exitCode).toBe(0);
    const out = collectOutput();
    await statusCommand({ dir: ws.dir, issue: '2026-12', json: false }, out);
    expect(out.text()).toMatch(/^ {2}runs {13}1, the last at 2026-11-30 10:00 Europe\/London$/mu);
    expect(out.text()).toMatch(/^ {2}test send: coordinator@example\.org: delivered at 2026-11-30 10:00 Europe\/London$/mu);
    expect(out.text()).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/u);
    const json = collectOutput();
    const status = await statusCommand({ dir: ws.dir, issue: '2026-12', json: true }, json);
    expect(status.runs[0]?.at).toBe('2026-11-30T10:00:00.000Z');
  });
});
