import { execFileSync, spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWorkspace, TEST_UNSUBSCRIBE_SECRET } from '../support/send-workspace.js';
import { startSmtpServer } from '../support/smtp-test-server.js';
import { processOf, stillRunning } from '../support/process-state.js';
import { CLI, ROOT } from '../support/workspace.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** Makes the built render loop forever in synchronous code, and says so on a FIFO the render child holds open until it exits. */
const STUCK_RENDER = pathToFileURL(join(ROOT, 'test/support/stuck-render.mjs')).href;
/** How long the render child may outlive the send: far more than stopping takes, far less than the 60 s limit of a render. */
const LEFT_FOR_MS = 15_000;

describe('send killed with SIGKILL while its render child is stuck in synchronous code', () => {
  it('the render child stops by itself: no orphan is left spinning', async () => {
    const ws = await sendWorkspace({ members: 3 });
    cleanups.push(ws.remove);
    const server = await startSmtpServer();
    cleanups.push(server.close);
    const fifo = join(ws.dir, 'stuck-render');
    execFileSync('mkfifo', [fifo]);
    // Opened before the send starts: the stuck render's open for writing waits for it. It ends once the child is gone.
    const marks = createReadStream(fifo);
    const childGone = new Promise<void>((resolve) => marks.once('end', resolve));
    const sender = spawn(process.execPath, [CLI, 'send', '2026-12', '--yes', '--early'], {
      cwd: ws.dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: ws.dir,
        TZ: 'UTC',
        SNIPPET_SMTP_URL: server.url,
        SNIPPET_UNSUBSCRIBE_SECRET: TEST_UNSUBSCRIBE_SECRET,
        NODE_OPTIONS: `--import=${STUCK_RENDER}`,
        TEST_STUCK_RENDER_FIFO: fifo,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => void sender.kill('SIGKILL'));
    let output = '';
    sender.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    sender.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => sender.once('exit', (_code, signal) => resolve(signal)));

    // The send ending first (it failed before rendering) ends the wait too.
    const stuck = await Promise.race([
      new Promise<string>((resolve) => createInterface({ input: marks }).once('line', resolve)),
      exited.then(() => `the send exited first:\n${output}`),
    ]);
    expect(stuck).toMatch(/^stuck \d+$/u);
    const child = Number(stuck.split(' ')[1]);
    const childStarted = processOf(child)?.start;
    cleanups.push(() => {
      if (stillRunning(child, childStarted)) process.kill(child, 'SIGKILL');
    });
    sender.kill('SIGKILL');
    expect(await exited, output).toBe('SIGKILL');

    let timer: NodeJS.Timeout | undefined;
    const outlived = await Promise.race([
      childGone.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), LEFT_FOR_MS))),
    ]).finally(() => clearTimeout(timer));
    expect(outlived, `render child ${child} still running ${LEFT_FOR_MS / 1000} s after the send was killed`).toBe(false);
    // Exited, not merely closed the FIFO: gone, exiting, a zombie for init to collect, or its id taken by a later process.
    expect(stillRunning(child, childStarted)).toBe(false);
    expect(server.messages).toEqual([]);
  }, 60_000);
});
