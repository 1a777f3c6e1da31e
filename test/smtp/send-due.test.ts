import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { sendDueCommand, type SendDueOptions } from '../../src/actions/send-due-command.js';
import { systemClock, type Clock } from '../../src/delivery/send-engine.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { collectOutput } from '../support/collect-output.js';
import { sendDueOptions, sendWorkspace, TEST_UNSUBSCRIBE_SECRET, type SendWorkspaceOptions } from '../support/send-workspace.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';
import { spawnCli } from '../support/spawn-cli.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const SECRET = TEST_UNSUBSCRIBE_SECRET;

/** A workspace whose December issue (send_at 2026-12-01T09:00, London) is approved, and a server; cron runs with --now. */
async function setup(options: SendWorkspaceOptions, behaviour: Parameters<typeof startSmtpServer>[0] = {}) {
  const ws = await sendWorkspace(options);
  const server = await startSmtpServer(behaviour);
  cleanups.push(ws.remove, server.close);
  const cron = async (now: string, overrides: Partial<SendDueOptions> = {}) => {
    const out = collectOutput();
    const outcome = await sendDueCommand(sendDueOptions(ws.dir, server.url, now, overrides), sendPrinter(out));
    return { ...outcome, output: out.text(), lines: out.lines };
  };
  return { ws, server, cron };
}

describe('send --due (cron) against a real SMTP server, with --now', () => {
  it('sends nothing before send_at, everything once it has passed, and nothing more after', async () => {
    const { ws, server, cron } = await setup({ members: 6 });
    const early = await cron('2026-12-01T08:59');
    expect(early.exitCode).toBe(0);
    expect(early.issues).toEqual([]);
    expect(early.next).toEqual({ issue: '2026-12', sendAt: '2026-12-01T09:00:00.000Z' });
    expect(early.lines.at(-1)).toMatch(/^summary: nothing due at 2026-12-01 08:59 Europe\/London;.* next: 2026-12 at 2026-12-01 09:00 Europe\/London; exit 0/u);
    expect(server.messages).toHaveLength(0);

    const due = await cron('2026-12-01T09:15');
    expect(due.exitCode).toBe(0);
    expect(due.issues).toMatchObject([{ issue: '2026-12', result: 'sent', delivered: 6, left: 0, exitCode: 0 }]);
    expect(new Set(deliveries(server.messages).keys())).toEqual(new Set(ws.addresses));
    expect(due.lines.at(-1)).toMatch(/^summary: 2026-12 delivered 6, failed 0, in doubt 0, left 0; exit 0/u);
    // The ledger carries the real time: --now only decides what is due.
    expect(await ws.read('.snippet/ledger/2026-12.jsonl')).not.toMatch(/"at":"2026-12-01T09:15:/u);

    const after = await cron('2026-12-01T09:30');
    expect(after.exitCode).toBe(0);
    expect(after.issues).toEqual([]);
    expect(after.lines.filter((l) => !l.startsWith('pretending'))).toHaveLength(1);
    expect(server.messages).toHaveLength(6);
  });

  it('honours an offset in --now', async () => {
    const { server, cron } = await setup({ members: 2 });
    // 09:30 at +01:00 is 08:30 in London in December: not yet.
    expect((await cron('2026-12-01T09:30+01:00')).issues).toEqual([]);
    expect((await cron('2026-12-01T09:00Z')).issues).toHaveLength(1);
    expect(server.messages).toHaveLength(2);
  });

  it('never sends a draft whose time has passed, and says so', async () => {
    const { server, cron } = await setup({ members: 3, status: 'draft' });
    const result = await cron('2026-12-01T09:15');
    expect(result.exitCode).toBe(0);
    expect(result.skipped).toEqual([{ issue: '2026-12', sendAt: '2026-12-01T09:00:00.000Z', reason: 'draft' }]);
    expect(result.output).toMatch(/warning: 2026-12 is a draft/u);
    expect(server.messages).toHaveLength(0);
  });

  it('sends when the schedule wakes late (a laptop that was off) and says how late', async () => {
    const { server, cron } = await setup({ members: 2 });
    const late = await cron('2026-12-03T11:30');
    expect(late.exitCode).toBe(0);
    expect(late.output).toContain('2026-12: due since 2026-12-01 09:00 Europe/London (2 days late)');
    expect(server.messages).toHaveLength(2);
  });

  it('does not send a stale issue by surprise, but does with --include-stale', async () => {
    const { server, cron } = await setup({ members: 3 });
    const stale = await cron('2026-12-09T09:15');
    expect(stale.exitCode).toBe(0);
    expect(stale.skipped).toMatchObject([{ issue: '2026-12', reason: 'stale' }]);
    expect(stale.output).toMatch(/more than 7 days ago.*--include-stale/u);
    expect(server.messages).toHaveLength(0);
    const forced = await cron('2026-12-09T09:15', { includeStale: true });
    expect(forced.exitCode).toBe(0);
    expect(server.messages).toHaveLength(3);
  });

  it('sends at exactly send_at, and at exactly the stale limit, but not a minute after it', async () => {
    const onTime = await setup({ members: 2 });
    expect((await onTime.cron('2026-12-01T09:00')).issues).toMatchObject([{ issue: '2026-12', result: 'sent', delivered: 2 }]);
    const { server, cron } = await setup({ members: 2 });
    const late = await cron('2026-12-08T09:01');
    expect(late.skipped).toMatchObject([{ issue: '2026-12', reason: 'stale' }]);
    expect(server.messages).toHaveLength(0);
    const atLimit = await cron('2026-12-08T09:00');
    expect(atLimit.issues).toMatchObject([{ issue: '2026-12', result: 'sent', delivered: 2 }]);
    expect(server.messages).toHaveLength(2);
  });

  it("stops at the day cap with 75 and carries on in the next day's run", async () => {
    const { server, cron } = await setup({ members: 8, sending: 'rate: [5/day]\n  connections: 2\n  retry_delay: 50ms\n  max_wait: 2s' });
    const first = await cron('2026-12-01T09:15');
    expect(first.exitCode).toBe(75);
    expect(first.issues).toMatchObject([{ delivered: 5, left: 3, stopped: 'rate-limit' }]);
    expect(first.output).toMatch(/sending limit \(5\/day\) is used up/u);
    expect(server.messages).toHaveLength(5);
    // Fifteen minutes later the day is still used up.
    const again = await cron('2026-12-01T09:30');
    expect(again.exitCode).toBe(75);
    expect(server.messages).toHaveLength(5);
    // The windows run on the real clock, so the next day is a day from now, whatever --now says.
    const dayLater: Clock = { now: () => Date.now() + 86_400_000, sleep: (ms, signal) => systemClock.sleep(ms, signal) };
    const nextDay = await cron('2026-12-02T09:30', { clock: dayLater });
    expect(nextDay.exitCode).toBe(0);
    expect(nextDay.issues).toMatchObject([{ delivered: 3, left: 0 }]);
    const counts = deliveries(server.messages);
    expect(counts.size).toBe(8);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('mails a delivery report to report_to after a run that sent, counted in the ledgers', async () => {
    const { ws, server, cron } = await setup({ members: 3 });
    await ws.write(
      'snippet.config.yaml',
      (await ws.read('snippet.config.yaml')).replace(/^reply_to:/mu, 'report_to: PMHN Coordinator <report@example.org>\nreply_to:'),
    );
    const result = await cron('2026-12-01T09:15');
    expect(result.exitCode).toBe(0);
    expect(result.deliveryReport).toBe('sent');
    expect(server.messages).toHaveLength(4);
    const report = server.messages.find((m) => m.to[0] === 'report@example.org')!;
    const parsed = await simpleParser(report.raw);
    expect(parsed.subject).toBe('GGC PMHN snippet delivery report: 2026-12 delivered 3');
    expect(parsed.text).toMatch(/2026-12: delivered 3, deferred 0, failed 0/u);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(await ws.read('.snippet/ledger/delivery-reports.jsonl')).toMatch(/"type":"delivered","at":"[^"]+","to":"report@example.org"/u);
    // Nothing sent, nothing reported.
    await cron('2026-12-01T09:30');
    expect(server.messages).toHaveLength(4);
  });

  it('does not mail the report when the limit leaves no room for it', async () => {
    const { ws, server, cron } = await setup({ members: 3, sending: 'rate: [3/day]\n  connections: 1\n  retry_delay: 50ms\n  max_wait: 2s' });
    await ws.write('snippet.config.yaml', (await ws.read('snippet.config.yaml')).replace(/^reply_to:/mu, 'report_to: report@example.org\nreply_to:'));
    const result = await cron('2026-12-01T09:15');
    expect(result.exitCode).toBe(0);
    expect(result.deliveryReport).toBe('not-sent');
    expect(result.output).toMatch(/delivery report not sent: the sending limit leaves no room for it/u);
    expect(server.messages).toHaveLength(3);
  });

  it('exits 1 when the issue whose time has come cannot be read, or cannot be sent', async () => {
    const { ws, server, cron } = await setup({ members: 2 });
    const issue = await ws.read('issues/2026-12.md');
    await ws.write('issues/2026-12.md', issue.replace(/^subject: .*$/mu, 'subject: [unclosed'));
    const broken = await cron('2026-12-01T09:15');
    expect(broken.exitCode).toBe(1);
    expect(broken.skipped).toMatchObject([{ issue: '2026-12', reason: 'unreadable' }]);
    expect(broken.output).toMatch(/issues\/2026-12\.md:\d+: error/u);
    await ws.write('issues/2026-12.md', issue);
    const noSecret = await cron('2026-12-01T09:15', { unsubscribeSecret: undefined });
    expect(noSecret.exitCode).toBe(1);
    expect(noSecret.issues).toMatchObject([{ result: 'error', error: 'SNIPPET_UNSUBSCRIBE_SECRET is not set' }]);
    expect(server.messages).toHaveLength(0);
  });

  it('prints the plan on --dry-run and sends nothing', async () => {
    const { server, cron } = await setup({ members: 4 });
    const result = await cron('2027-03-01T09:00', { dryRun: true, includeStale: true });
    expect(result.issues).toMatchObject([{ issue: '2026-12', result: 'planned', left: 4 }]);
    expect(result.output).toMatch(/\[Dry run\] 2026-12/u);
    expect(server.messages).toHaveLength(0);
  });
});

describe('send --due from cron, as a process', () => {
  it('two runs at once: the second exits 75, nobody gets two; --json reports it', async () => {
    const ws = await sendWorkspace({ members: 10, sending: 'rate: []\n  connections: 1\n  retry_delay: 50ms\n  max_wait: 5s' });
    cleanups.push(ws.remove);
    const env: Record<string, string> = { SNIPPET_UNSUBSCRIBE_SECRET: SECRET };
    const args = ['send', '--due', '--now', '2026-12-01T09:15'];
    let second: Promise<{ code: number | null; stdout: string; stderr: string }> | undefined;
    const server = await startSmtpServer({
      hook: (stage, count) => {
        // The first run holds the lock; its third message waits until the second run has ended.
        if (stage === 'mail' && count === 3) {
          second = spawnCli([...args, '--json'], { cwd: ws.dir, env }).done;
          return second.then(() => undefined);
        }
      },
    });
    cleanups.push(server.close);
    env.SNIPPET_SMTP_URL = server.url;
    const first = await spawnCli(args, { cwd: ws.dir, env }).done;
    const other = await second!;
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ summary: 2026-12 delivered 10, failed 0, in doubt 0, left 0; exit 0/mu);
    expect(other.code, other.stderr).toBe(75);
    expect(other.stderr).toMatch(/another send is running/u);
    const json = JSON.parse(other.stdout) as { exitCode: number; issues: Array<{ result: string }> };
    expect(json).toMatchObject({ exitCode: 75, issues: [{ result: 'locked' }] });
    expect(deliveries(server.messages).size).toBe(10);
    expect(server.messages).toHaveLength(10);
  });

  it('rejects --due with an issue or --test-to, and --now without --due (exit 2)', async () => {
    const ws = await sendWorkspace({ members: 1 });
    cleanups.push(ws.remove);
    for (const args of [
      ['send', '2026-12', '--due'],
      ['send', '--due', '--test-to', 'a@example.org'],
      ['send', '2026-12', '--now', '2026-12-01T09:00'],
      ['send', '--due', '--now', 'soon'],
    ]) {
      const result = await spawnCli(args, { cwd: ws.dir }).done;
      expect(result.code, args.join(' ')).toBe(2);
    }
  });
});
