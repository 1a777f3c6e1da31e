import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/workspace.js';
import { sendWorkspace } from '../support/send-workspace.js';

/**
 * What `snippet send` needs its process for: "without a terminal" (the process's stdin and stdout), and the
 * usage errors that commander and the CLI's flag checks find. The rest runs in process, as the CLI calls the
 * action: test/integration/send-command.test.ts.
 */
const env = { SNIPPET_UNSUBSCRIBE_SECRET: 'unsubscribe-secret-for-tests-0123456789', NO_COLOR: '1' };
let ws: Awaited<ReturnType<typeof sendWorkspace>>;
beforeEach(async () => {
  ws = await sendWorkspace({ members: 25 });
});
afterEach(async () => {
  await ws.remove();
});

describe('snippet send (CLI)', () => {
  it('needs --yes without a terminal (exit 2)', async () => {
    const result = await runCli(['send', '2026-12', '--outbox', 'outbox'], { cwd: ws.dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/needs --yes/u);
  });

  it('rejects malformed options with exit 2', async () => {
    expect((await runCli(['send', '2026-12', '--rate', '30 a minute'], { cwd: ws.dir, env })).code).toBe(2);
    expect((await runCli(['send', '2026-12', '--connections', '0'], { cwd: ws.dir, env })).code).toBe(2);
    expect((await runCli(['send'], { cwd: ws.dir, env })).code).toBe(2);
  });
});
