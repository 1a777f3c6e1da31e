// The entry of the child process that childRenderer() starts: a RenderRequest
// as JSON on stdin, a RenderReply as JSON on stdout. The render runs in a
// worker thread (render-worker.ts) so that this thread stays free to stop the
// child when the render is stuck, even in a synchronous loop that would block
// a timer of its own: when the sending process is gone (its IPC channel closes,
// on Linux and Windows alike, even after a kill -9) or when the request's time
// limit has passed. Either way it writes one line on stderr and ends with
// WATCHDOG_EXIT once the worker is stopped.
import { writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { RenderReply, RenderRequest } from './render-in-child.js';

/** The exit code of a render child that stopped itself. */
const WATCHDOG_EXIT = 3;

let done = false;
let limit: NodeJS.Timeout | undefined;

/** Lets the process end: nothing it waits on is left (stdin has been read or is closed, the worker stops). */
function finish(): void {
  done = true;
  clearTimeout(limit);
  process.off('disconnect', parentGone);
  void worker.terminate();
}

function stop(reason: string): void {
  if (done) return;
  // Synchronous, so the line is out before the exit; the reader may be gone (EPIPE).
  try {
    writeSync(2, `${reason}\n`);
  } catch {
    // Nobody left to tell.
  }
  process.exitCode = WATCHDOG_EXIT;
  finish();
}

// Its stdin closes with it too, so a child still waiting for its request reads an end.
function parentGone(): void {
  stop('the render was stopped: the sending process that asked for it is gone');
}
// Only a child started with an IPC channel has one; the listener keeps the channel open until the reply.
if (process.channel) process.on('disconnect', parentGone);

// Started before the request is read, so it loads MJML while the sender reads the workspace.
const worker = new Worker(new URL('./render-worker.js', import.meta.url));
worker.on('error', (error) => {
  throw error;
});
worker.on('exit', (code) => stop(`the render stopped before it answered (its thread exited with code ${code})`));

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
// An empty request: the sender closed the pipe without writing one, so it is gone.
if (chunks.length === 0) parentGone();
if (!done) {
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RenderRequest;
  limit = setTimeout(() => stop(`the render was stopped: it took longer than ${request.limitMs / 1000} s`), request.limitMs);
  worker.once('message', (reply: RenderReply) => {
    process.stdout.write(JSON.stringify(reply));
    finish();
  });
  worker.postMessage(request);
}
