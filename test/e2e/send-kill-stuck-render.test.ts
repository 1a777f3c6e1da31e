import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWorkspace, TEST_UNSUBSCRIBE_SECRET } from '../support/send-workspace.js';
import { startSmtpServer } from '../support/smtp-test-server.js';
import { goneWithin, processOf, stillRunning } from '../support/process-state.js';
import { spawnCli } from '../support/spawn-cli.js';
import { ROOT } from '../support/workspace.js';

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
    const sender = spawnCli(['send', '2026-12', '--yes', '--early'], {
      cwd: ws.dir,
      env: {
        SNIPPET_SMTP_URL: server.url,
        SNIPPET_UNSUBSCRIBE_SECRET: TEST_UNSUBSCRIBE_SECRET,
        NODE_OPTIONS: `--import=${STUCK_RENDER}`,
        TEST_STUCK_RENDER_FIFO: fifo,
      },
    });
    cleanups.push(() => void sender.child.kill('SIGKILL'));

    // The send ending first (it failed before rendering) ends the wait too.
    const stuck = await Promise.race([
      new Promise<string>((resolve) => createInterface({ input: marks }).once('line', resolve)),
      sender.done.then((ran) => `the send exited first:\n${ran.stdout}${ran.stderr}`),
    ]);
    expect(stuck).toMatch(/^stuck \d+$/u);
    const child = Number(stuck.split(' ')[1]);
    const childStarted = processOf(child)?.start;
    cleanups.push(() => {
      if (stillRunning(child, childStarted)) process.kill(child, 'SIGKILL');
    });
    sender.child.kill('SIGKILL');
    const ran = await sender.done;
    expect(ran.signal, `${ran.stdout}${ran.stderr}`).toBe('SIGKILL');

    expect(await goneWithin(childGone, LEFT_FOR_MS), `render child ${child} still running ${LEFT_FOR_MS / 1000} s after the send was killed`).toBe(true);
    // Exited, not merely closed the FIFO: gone, exiting, a zombie for init to collect, or its id taken by a later process.
    expect(stillRunning(child, childStarted)).toBe(false);
    expect(server.messages).toEqual([]);
  }, 60_000);
});
