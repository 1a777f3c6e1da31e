import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';

let ws: SampleWorkspace;
beforeEach(async () => {
  ws = await sampleWorkspace();
  await ws.write('issues/2026-12.md', (await ws.read('issues/2026-12.md')).replace(/^status: .*$/mu, 'status: approved'));
});
afterEach(async () => {
  await ws.remove();
});

/** `snippet send 2026-12` on a terminal (util-linux script gives it one); `keys` are typed once the question is asked. */
function sendOnTerminal(keys: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', `node ${CLI} send 2026-12`, '/dev/null'], {
      cwd: ws.dir,
      env: { PATH: process.env.PATH ?? '', HOME: ws.dir, NO_COLOR: '1', TERM: 'dumb', SNIPPET_SMTP_URL: 'smtp://127.0.0.1:1', SNIPPET_UNSUBSCRIBE_SECRET: 'unsubscribe-secret-for-tests-0123456789' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let typed = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const take = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!typed && output.includes('[y/N]')) {
        typed = true;
        child.stdin.write(keys);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('the send question on a terminal', () => {
  it('takes Ctrl+D (end of input) as no, not as an internal error', async () => {
    const result = await sendOnTerminal('\u0004');
    expect(result.output).not.toMatch(/internal error/u);
    expect(result.output).toMatch(/Nothing was sent/u);
    expect(result.code).toBe(1);
  });
});
