// Loaded with `NODE_OPTIONS=--import` into the Node processes of a test
// (test/e2e/send-kill-stuck-render.test.ts,
// test/integration/render-child-watchdog.test.ts). When TEST_STUCK_RENDER_FIFO
// names a FIFO, it replaces the built render (dist/render/render-from-workspace.js)
// in whichever thread loads it with one that writes `stuck PID` to the FIFO and
// then loops forever in synchronous code, blocking that thread's timers.
// The render child's main thread also opens the FIFO and never closes it, so
// the test's end of it closes only when the child exits (Node closes a worker
// thread's files when the worker stops, before the process has ended).
import { openSync } from 'node:fs';
import { register } from 'node:module';
import { argv, env } from 'node:process';
import { isMainThread } from 'node:worker_threads';

const fifo = env.TEST_STUCK_RENDER_FIFO;
if (fifo) {
  if (isMainThread && argv[1]?.endsWith('render-child.js')) openSync(fifo, 'w');
  register('./stuck-render-hooks.mjs', import.meta.url, { data: { fifo } });
}
