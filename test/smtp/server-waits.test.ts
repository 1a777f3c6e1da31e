import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendCommand, type SendOptions } from '../../src/actions/send-command.js';
import { RateLimiter } from '../../src/delivery/rate-limiter.js';
import { runSendEngine, systemClock } from '../../src/delivery/send-engine.js';
import { isConnectFailure } from '../../src/delivery/send-result.js';
import { sendProgress } from '../../src/cli/send-progress.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { createSmtpMailer } from '../../src/smtp/create-smtp-mailer.js';
import { smtpSettingsFromEnv } from '../../src/smtp/smtp-settings.js';
import { collectOutput } from '../support/collect-output.js';
import { startScriptedSmtpServer, type Script } from '../support/scripted-smtp-server.js';
import { sendOptions, sendWorkspace } from '../support/send-workspace.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A loopback port where nothing listens (one that was just let go). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `snippet send 2026-12 --yes` in-process with 3 members, one connection, retries 100 ms apart doubling, and a 1 s cap. */
async function send(url: string, overrides: Partial<SendOptions> = {}) {
  const ws = await sendWorkspace({ members: 3, sending: 'rate: []\n  connections: 1\n  retry_delay: 100ms\n  max_wait: 1s\n  stop_after_failures: 1000' });
  cleanups.push(ws.remove);
  const out = collectOutput();
  const result = await sendCommand(sendOptions(ws.dir, url, overrides), sendPrinter(out)).then(
    (done) => ({ exitCode: done.exitCode, error: undefined }),
    (error: unknown) => ({ exitCode: 1, error: error as Error }),
  );
  return { ...result, output: out.text(), lines: out.lines };
}

/** The engine alone (no rendering) over one connection, as the sending settings above, with the CLI's progress wording. */
async function engineRun(url: string) {
  const mailer = createSmtpMailer(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: url }), {
    connections: 1,
    timeouts: { connection: 5_000, greeting: 5_000, socket: 5_000 },
  });
  cleanups.push(() => mailer.close());
  const out = collectOutput();
  const progress = sendProgress(out, 3, () => Date.now(), 'UTC');
  const journal = { append: () => Promise.resolve() };
  const recipients = ['a', 'b', 'c'].map((name) => ({ key: `${name}@example.org`, email: `${name}@example.org` }));
  const report = await runSendEngine({
    recipients,
    build: (recipient) => ({
      envelope: { from: 'snippet@example.org', to: recipient.email },
      messageId: `<${recipient.key}>`,
      chunks: [Buffer.from('Subject: x\r\n\r\nHello.\r\n')],
    }),
    mailer,
    journal,
    limiter: new RateLimiter([]),
    connections: 1,
    retry: { attempts: 3, firstDelayMs: 100 },
    stopAfterFailures: 1000,
    maxWaitMs: 1_000,
    clock: systemClock,
    onEvent: (event) => progress.onEvent(event),
  });
  return { report, lines: out.lines };
}

describe('waits are bounded and announced', () => {
  it('gives a reply trickled one byte at a time a deadline of its own (regression: held a send far past the timeout)', async () => {
    // The reply to RCPT TO, one byte every 100 ms: 6 s in all, with never 1 s of silence.
    const trickled = '250 2.1.5 recipient ok, said very very very slowly'.split('');
    const timers = new Set<NodeJS.Timeout>();
    const script: Script = {
      command: (line, session) => {
        if (!line.startsWith('RCPT')) return line === 'DATA' ? '354 go ahead' : '250 OK';
        const bytes = [...trickled, '\r\n'];
        const timer = setInterval(() => {
          const next = bytes.shift();
          if (next === undefined) return void clearInterval(timer);
          session.write(next);
        }, 100);
        timers.add(timer);
        return undefined;
      },
    };
    const server = await startScriptedSmtpServer(script);
    cleanups.push(server.close, async () => timers.forEach(clearInterval));
    const mailer = createSmtpMailer(smtpSettingsFromEnv({ SNIPPET_SMTP_URL: server.url }), {
      connections: 1,
      timeouts: { connection: 5_000, greeting: 5_000, socket: 1_000 },
    });
    cleanups.push(() => mailer.close());
    const channel = await mailer.open();
    if (isConnectFailure(channel)) throw new Error(channel.reason);
    const started = Date.now();
    const head = Buffer.from('Subject: x\r\n\r\nHello.\r\n');
    const result = await channel.send({ from: 'snippet@example.org', to: 'a@example.org' }, [head], Promise.resolve());
    expect(result).toMatchObject({ status: 'deferred', connectionFailure: true, reason: expect.stringMatching(/timed out/u) });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(server.sessions[0]!.messages).toEqual([]);
  });

  it('says on stderr when it waits for a server where nothing listens, and stops at the cap with 75 and the reason', async () => {
    const port = await deadPort();
    const { exitCode, error, output, lines } = await send(`smtp://127.0.0.1:${port}`);
    expect(error).toBeUndefined();
    expect(exitCode).toBe(75);
    const waits = lines.filter((line) => line.startsWith('could not connect to the mail server'));
    // 100, 200, 400 ms fit in the 1 s cap; the next, 800 ms, would not.
    expect(waits).toHaveLength(3);
    expect(waits[0]).toMatch(
      /^could not connect to the mail server \(network error: connect ECONNREFUSED 127\.0\.0\.1:\d+\); trying again at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+, in /u,
    );
    // Bounded by the cap (1 s), by the run's own clock: the waits were 0.7 s in all.
    expect(output).toMatch(/the mail server seems down \(not reachable for [0-2] s \(4 tries\), the last: network error: connect ECONNREFUSED/u);
  });

  it('retries a 421 greeting the same way, announced, up to the cap', async () => {
    const busy = await startScriptedSmtpServer({ greeting: '421 4.7.0 too busy, try later' });
    cleanups.push(busy.close);
    const { report, lines } = await engineRun(busy.url);
    expect(report.stop).toMatchObject({ kind: 'server-down', reason: expect.stringMatching(/the last: 421 4\.7\.0 too busy, try later$/u) });
    expect(lines.filter((line) => line.startsWith('could not connect to the mail server (421 4.7.0 too busy, try later)'))).toHaveLength(3);
    expect(busy.connections()).toBe(4);
  });

  it("stops at once on a 554 greeting, a refusal of this client: exit 1 with the server's words, one connection, nothing recorded as failed", async () => {
    const server = await startScriptedSmtpServer({ greeting: '554 5.7.1 Access denied: your address is blocked' });
    cleanups.push(server.close);
    const { exitCode, error, output } = await send(server.url);
    expect(exitCode).toBe(1);
    expect(error?.message).toMatch(/refused this connection before any message \(554 5\.7\.1 Access denied: your address is blocked\)/u);
    expect(server.connections()).toBe(1);
    expect(output).not.toMatch(/could not connect/u);
    expect(output).toMatch(/failed 0, in doubt 0, suppressed 0/u);
  });
});
