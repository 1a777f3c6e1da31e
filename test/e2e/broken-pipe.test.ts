import { afterEach, beforeEach, expect, it } from 'vitest';
import { sendWorkspace } from '../support/send-workspace.js';
import { spawnCli } from '../support/spawn-cli.js';

let ws: Awaited<ReturnType<typeof sendWorkspace>>;
beforeEach(async () => {
  ws = await sendWorkspace({ members: 5000 });
});
afterEach(async () => {
  await ws.remove();
});

it('a reader that stops early (| head) does not crash the command (EPIPE)', async () => {
  const running = spawnCli(['contacts', 'list'], { cwd: ws.dir });
  // Read one chunk, then close the pipe as `head` would; the output is far larger than a pipe buffer.
  running.child.stdout!.once('data', () => running.child.stdout!.destroy());
  const result = await running.done;
  expect(result.stderr).not.toMatch(/EPIPE|Unhandled|at .+:\d+:\d+/u);
  expect(result.signal).toBeNull();
  expect(result.code).toBe(0);
});
