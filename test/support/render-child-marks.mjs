// Loaded with `NODE_OPTIONS=--import` into every Node process of a `snippet
// send` run (test/e2e/send-kill-render-child.test.ts). In the render child
// alone, it opens the FIFO named by TEST_RENDER_CHILD_MARKS and writes a line
// when the child has started and when its stdin closed (with how many bytes
// of request it had read). The FIFO stays open until the child exits, so the
// test's end of it closes then. It changes nothing else.
import { openSync, writeSync } from 'node:fs';
import { argv, env, pid, stdin } from 'node:process';

const path = env.TEST_RENDER_CHILD_MARKS;
if (path && argv[1]?.endsWith('render-child.js')) {
  const marks = openSync(path, 'w');
  writeSync(marks, `started ${pid}\n`);
  stdin.once('end', () => writeSync(marks, `stdin-closed ${pid} ${stdin.bytesRead}\n`));
}
