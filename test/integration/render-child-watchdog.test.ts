import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { RENDER_CHILD, type RenderRequest } from '../../src/render/render-in-child.js';
import { config, issue, organisations, SEND_AT } from '../render/fixtures.js';
import { ROOT } from '../support/workspace.js';

/** Makes the built render loop forever in synchronous code, and says so on a FIFO (see the file). */
const STUCK_RENDER = pathToFileURL(path.join(ROOT, 'test/support/stuck-render.mjs')).href;
/** How long a stuck child may take to stop itself once it should: far more than it needs, far less than a render's limit. */
const BOUND_MS = 10_000;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/**
 * The built render child, started as childRenderer() starts it (pipes and an
 * IPC channel), asked to render with its own limit of `limitMs`, and resolved
 * once its render is stuck.
 */
async function stuckChild(limitMs: number) {
  const dir = await mkdtemp(path.join(tmpdir(), 'snippet-render-watchdog-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const fifo = path.join(dir, 'stuck');
  execFileSync('mkfifo', [fifo]);
  // Opened before the child starts: the stuck render's open for writing waits for it.
  const stuck = createInterface({ input: createReadStream(fifo) });
  const child = spawn(process.execPath, [RENDER_CHILD], {
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: `--import=${STUCK_RENDER}`, TEST_STUCK_RENDER_FIFO: fifo },
    stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
  }) as ChildProcessWithoutNullStreams;
  cleanups.push(() => void child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const request: RenderRequest = { dir, issue: issue(), config: config(), organisations, sendAt: SEND_AT.toISOString(), limitMs };
  child.stdin.end(JSON.stringify(request));
  // A child that fails before its render is stuck ends the wait too, with what it printed.
  const line = await Promise.race([new Promise<string>((resolve) => stuck.once('line', resolve)), exited.then(() => `exited first: ${stderr}`)]);
  expect(line).toBe(`stuck ${child.pid}`);
  return { child, exited, stderr: () => stderr };
}

/** The child's exit, or 'still running' once BOUND_MS have passed. */
async function exitWithin<T>(exited: Promise<T>): Promise<T | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([exited, new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), BOUND_MS)))]).finally(() =>
    clearTimeout(timer),
  );
}

describe('the render child stops a render stuck in synchronous code by itself', () => {
  it('when its own time limit has passed, though the process that started it is still there and waits longer', async () => {
    // Long enough, on a busy machine, for the worker thread to start and its render to be stuck before the limit passes.
    const { exited, stderr } = await stuckChild(3_000);
    expect(await exitWithin(exited)).toEqual({ code: 3, signal: null });
    expect(stderr()).toBe('the render was stopped: it took longer than 3 s\n');
  }, 30_000);

  it('when the channel to the process that started it closes, long before its time limit', async () => {
    const { child, exited, stderr } = await stuckChild(600_000);
    child.disconnect();
    expect(await exitWithin(exited)).toEqual({ code: 3, signal: null });
    expect(stderr()).toBe('the render was stopped: the sending process that asked for it is gone\n');
  }, 30_000);
});
