import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { sendDueCommand, type SendDueOptions } from '../../src/actions/send-due-command.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { collectOutput } from '../support/collect-output.js';
import { sendDueOptions, sendWorkspace } from '../support/send-workspace.js';
import { startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** Three members, one refused with 550 5.1.1 by a real smtp-server on loopback, and a report_to. */
async function setup(overrides: Partial<SendDueOptions> = {}) {
  const ws = await sendWorkspace({ members: 3 });
  const server = await startSmtpServer({ onRecipient: (to) => (to === 'member00002@example.org' ? '550 5.1.1 No such user here' : undefined) });
  cleanups.push(ws.remove, server.close);
  await ws.write('snippet.config.yaml', (await ws.read('snippet.config.yaml')).replace(/^reply_to:/mu, 'report_to: report@example.org\nreply_to:'));
  const cron = async () => {
    const out = collectOutput();
    const outcome = await sendDueCommand(sendDueOptions(ws.dir, server.url, '2026-12-01T09:05', overrides), sendPrinter(out));
    return { ...outcome, output: out.text() };
  };
  return { ws, server, cron };
}

async function expectReportedNotHidden(
  result: Awaited<ReturnType<Awaited<ReturnType<typeof setup>>['cron']>>,
  server: Awaited<ReturnType<typeof setup>>['server'],
  problem: RegExp,
) {
  expect(result.exitCode).toBe(1);
  expect(result.issues).toEqual([expect.objectContaining({ issue: '2026-12', result: 'sent', delivered: 2, failed: 1, exitCode: 1 })]);
  expect(result.output).not.toMatch(/not sent|another send/u);
  expect(result.output).toMatch(/2026-12: delivered 2, deferred 0, failed 1/u);
  expect(result.output).toMatch(problem);
  expect(result.deliveryReport).toBe('sent');
  const report = server.messages.find((m) => m.to[0] === 'report@example.org');
  expect((await simpleParser(report!.raw)).text).toMatch(problem);
}

describe('send --due when suppressing a bounce fails after the mail has gone', () => {
  it('reports the send and mails the delivery report, naming what failed (regression: exit 75 "not sent", report never mailed)', async () => {
    const { ws, server, cron } = await setup();
    // suppressions.csv cannot be written: a link to a folder that does not exist.
    await rm(join(ws.dir, 'contacts/suppressions.csv'));
    await symlink('/nonexistent-snippet-folder/suppressions.csv', join(ws.dir, 'contacts/suppressions.csv'));
    await expectReportedNotHidden(await cron(), server, /member00002@example\.org was not added to contacts\/suppressions\.csv: could not write/u);
  });

  it("does the same when the contacts lock is held by a live process, and names the lock (the review's repro)", async () => {
    // The wait is 30 s unless given; a quarter of a second proves the same: waited for, given up, reported.
    const { ws, server, cron } = await setup({ contactsLockWaitMs: 250 });
    await mkdir(join(ws.dir, '.snippet'), { recursive: true });
    // Process 1 is alive on this host, so the lock is waited for and then given up.
    await writeFile(join(ws.dir, '.snippet/contacts.lock'), JSON.stringify({ pid: 1, host: hostname(), since: new Date().toISOString() }));
    await expectReportedNotHidden(
      await cron(),
      server,
      /was not added to contacts\/suppressions\.csv: the contacts are being changed by another run \(process 1/u,
    );
    // Given up, not taken over: the live process's lock is still there.
    expect(JSON.parse(await ws.read('.snippet/contacts.lock'))).toMatchObject({ pid: 1 });
  });
});
