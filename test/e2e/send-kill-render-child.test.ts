import { execFileSync } from 'node:child_process';
import { closeSync, constants, createReadStream, openSync } from 'node:fs';
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

/** Tells the test, through a FIFO the render child holds open until it exits, when the child started and when its stdin closed. */
const MARKS = join(ROOT, 'test/support/render-child-marks.mjs');
/** Enough members that reading and checking them outlasts the render child's start. */
const MEMBERS = 30_000;
/** How long the render child may outlive the send: the rest of one render. */
const LEFT_FOR_MS = 15_000;

const KILL_POINTS = [
  { name: 'while it reads and checks the workspace, its render child waiting for the request', at: 'started', request: 'none' },
  { name: 'while its render child renders', at: 'stdin-closed', request: 'whole' },
] as const;

describe('send killed with SIGKILL while the issue is prepared (the render child is in its own process group)', () => {
  it.each(KILL_POINTS)(
    'killed $name: no render child is left behind',
    async (point) => {
      const ws = await sendWorkspace({ members: MEMBERS });
      cleanups.push(ws.remove);
      const server = await startSmtpServer();
      cleanups.push(server.close);
      const seen: { child?: number; childStarted?: string; requestBytes?: number; killed?: boolean } = {};
      const fifo = join(ws.dir, 'render-child-marks');
      execFileSync('mkfifo', [fifo]);
      // Opened before the send starts: the child's open for writing waits for it. It ends once the child is gone.
      const marks = createReadStream(fifo);
      const childGone = new Promise<void>((resolve) => marks.once('end', resolve));
      cleanups.push(() => {
        // No child opened it (the send failed first): a writer of our own lets the waiting open return.
        if (seen.child === undefined) closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      });
      const sender = spawnCli(['send', '2026-12', '--yes', '--early'], {
        cwd: ws.dir,
        env: {
          SNIPPET_SMTP_URL: server.url,
          SNIPPET_UNSUBSCRIBE_SECRET: TEST_UNSUBSCRIBE_SECRET,
          NODE_OPTIONS: `--import=${pathToFileURL(MARKS).href}`,
          TEST_RENDER_CHILD_MARKS: fifo,
        },
      });
      cleanups.push(() => void sender.child.kill('SIGKILL'));

      createInterface({ input: marks }).on('line', (line) => {
        const [mark, pid, bytes] = line.split(' ');
        if (mark === 'started') {
          seen.child = Number(pid);
          seen.childStarted = processOf(seen.child)?.start;
          cleanups.push(() => {
            if (stillRunning(seen.child!, seen.childStarted)) process.kill(seen.child!, 'SIGKILL');
          });
        }
        if (mark === 'stdin-closed') seen.requestBytes = Number(bytes);
        if (mark === point.at && !seen.killed) {
          seen.killed = true;
          sender.child.kill('SIGKILL');
        }
      });

      const ran = await sender.done;
      expect(ran.signal, `${ran.stdout}${ran.stderr}`).toBe('SIGKILL');
      expect(seen.killed).toBe(true);
      expect(await goneWithin(childGone, LEFT_FOR_MS), `render child ${seen.child} still running ${LEFT_FOR_MS / 1000} s after the send was killed`).toBe(true);

      expect(seen.child).toBeDefined();
      // Where the kill landed: before the request was written, or once the child had all of it.
      if (point.request === 'none') expect(seen.requestBytes).toBe(0);
      else expect(seen.requestBytes).toBeGreaterThan(1000);
      // Exited, not merely closed the FIFO: gone, a zombie for init to collect, or its id taken by a later process.
      expect(stillRunning(seen.child!, seen.childStarted)).toBe(false);
      expect(server.messages).toEqual([]);
    },
    60_000,
  );
});
