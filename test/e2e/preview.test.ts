import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPreviewProcess, within, type PreviewProcess } from '../support/preview-process.js';
import { runCli, sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';

let ws: SampleWorkspace;
let preview: PreviewProcess | undefined;
let blocker: Server | undefined;
beforeEach(async () => {
  ws = await sampleWorkspace();
});
afterEach(async () => {
  preview?.child.kill('SIGKILL');
  preview = undefined;
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  blocker = undefined;
  await ws.remove();
});

/** Holds a loopback port, as another program would. */
async function takePort(): Promise<number> {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

describe('snippet preview (CLI)', () => {
  it('prints its URL, serves the state, and exits 0 on Ctrl-C', async () => {
    preview = startPreviewProcess(['--port', '0'], ws.dir);
    const url = await within(preview.url, 20_000, 'the URL');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/u);
    const state = (await (await fetch(`${url}state.json`)).json()) as { subject: string; problems: unknown[] };
    expect(state).toMatchObject({ subject: 'GGC PMHN snippet — December 2026', problems: [] });
    preview.child.kill('SIGINT');
    expect(await within(preview.exited, 10_000, 'the exit')).toBe(0);
    expect(preview.output()).toContain('Preview stopped.');
  });

  it('says which port was taken and uses the next free one', async () => {
    const taken = await takePort();
    preview = startPreviewProcess(['2026-12', '--port', String(taken)], ws.dir);
    const url = await within(preview.url, 20_000, 'the URL');
    expect(preview.output()).toContain(`Port ${taken} is taken`);
    expect(url).not.toContain(`:${taken}/`);
    expect((await fetch(url)).status).toBe(200);
    preview.child.kill('SIGTERM');
    expect(await within(preview.exited, 10_000, 'the exit')).toBe(0);
  });

  it('answers only to loopback names', async () => {
    preview = startPreviewProcess(['--port', '0'], ws.dir);
    const url = new URL(await within(preview.url, 20_000, 'the URL'));
    const response = await fetch(`http://localhost:${url.port}/state.json`);
    expect(response.status).toBe(200);
    const { request } = await import('node:http');
    const status = await new Promise<number | undefined>((resolve) => {
      request({ host: '127.0.0.1', port: url.port, path: '/', headers: { host: 'attacker.example' } }, (res) => resolve(res.statusCode)).end();
    });
    expect(status).toBe(403);
  });

  it('rejects a port that is not a number as a usage error', async () => {
    const result = await runCli(['preview', '--port', 'http'], { cwd: ws.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not a port/u);
  });
});
