import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/spawn-cli.js';
import { runCli, STACK, useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

async function withSiteUrl(): Promise<void> {
  const config = await ws.read('snippet.config.yaml');
  if (!/^site:/mu.test(config)) await ws.write('snippet.config.yaml', `${config}\nsite:\n  url: https://example.org/snippet/\n`);
}

describe('snippet site (CLI)', () => {
  it('builds the sample workspace into out/site/ and says what it left out', async () => {
    await withSiteUrl();
    const result = await runCli(['site'], { cwd: ws.dir });
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Built the website into out\/site\/: 1 issue, \d+ services, \d+ files\./mu) });
    expect(result.stdout).toContain('left out (draft): 2026-12');
    expect(existsSync(join(ws.dir, 'out/site/issues/2026-11/index.html'))).toBe(true);
    expect(existsSync(join(ws.dir, 'out/site/issues/2026-12/index.html'))).toBe(false);
    // The sample's mailing list stays off the site.
    const members = await ws.read('contacts/members.csv');
    const page = await readFile(join(ws.dir, 'out/site/issues/2026-11/index.html'), 'utf8');
    for (const line of members.split('\n').slice(1).filter(Boolean)) expect(page).not.toContain(line.split(',')[0]);
  });

  it('without site.url, exits 1 with the file and what to add, and writes nothing', async () => {
    const config = await ws.read('snippet.config.yaml');
    await ws.write('snippet.config.yaml', config.replace(/^site:[\s\S]*?(?=^\S|$(?![\s\S]))/mu, ''));
    const result = await runCli(['site'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/snippet\.config\.yaml: error: the website needs its address/u);
    expect(result.stderr).not.toMatch(STACK);
    expect(existsSync(join(ws.dir, 'out/site'))).toBe(false);
  });

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

describe('snippet site --out where no folder can be made', () => {
  // Node's recursive mkdir loops for ever on /proc/… (ENOENT from a folder that exists): site spun there, as init once did.
  it('refuses --out /proc/nope/site at once, naming the folder it cannot make', async () => {
    await withSiteUrl();
    const result = await runCli(['site', '--out', '/proc/nope/site'], { cwd: ws.dir, timeoutMs: 15_000 });
    expect(result.stderr).not.toMatch(/internal error/u);
    expect(result.stderr).toMatch(/cannot create the folder \/proc\/nope/u);
    expect(result.code).toBe(1);
  });

  it('refuses --out /proc/site at once, and says the site there is unchanged', async () => {
    await withSiteUrl();
    const result = await runCli(['site', '--out', '/proc/site'], { cwd: ws.dir, timeoutMs: 15_000 });
    expect(result.stderr).not.toMatch(/internal error/u);
    expect(result.stderr).toMatch(/could not write \S*proc\/site \(ENOENT\); the site there is unchanged/u);
    expect(result.code).toBe(1);
  });
});
