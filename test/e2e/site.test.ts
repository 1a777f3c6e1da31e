import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/spawn-cli.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

async function withSiteUrl(): Promise<void> {
  const config = await ws.read('snippet.config.yaml');
  if (!/^site:/mu.test(config)) await ws.write('snippet.config.yaml', `${config}\nsite:\n  url: https://example.org/snippet/\n`);
}

/** What needs the process: `--serve` until Ctrl-C. The build itself runs in process: test/actions/site-sample.test.ts. */
describe('snippet site (CLI)', () => {
  it('--serve serves the built site on loopback until Ctrl-C', async () => {
    await withSiteUrl();
    const running = spawnCli(['site', '--serve', '--port', '0'], { cwd: ws.dir, timeoutMs: 30_000 });
    // The address, as soon as the server prints it (or nothing, if it ends first).
    const url = await new Promise<string | undefined>((resolve) => {
      let output = '';
      running.child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const address = /http:\/\/127\.0\.0\.1:\d+\//u.exec(output)?.[0];
        if (address) resolve(address);
      });
      void running.done.then(() => resolve(undefined));
    });
    expect(url).toBeDefined();
    const home = await fetch(url!);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html lang="en-GB">');
    expect((await fetch(`${url}issues/2026-11/`)).status).toBe(200);
    expect((await fetch(`${url}issues`)).url).toBe(`${url}issues/`);
    expect((await fetch(`${url}..%2f..%2fsnippet.config.yaml`)).status).toBe(404);
    running.child.kill('SIGINT');
    expect((await running.done).code).toBe(0);
  });
});
