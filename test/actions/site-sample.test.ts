import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteCommand } from '../../src/actions/site-command.js';
import { runAction } from '../support/run-action.js';
import { STACK, useSampleWorkspace } from '../support/workspace.js';

/**
 * `snippet site [--out DIR]` on the sample workspace, in this process, printed as the CLI prints it.
 * `--serve` (until Ctrl-C) stays in test/e2e/site.test.ts.
 */
const ws = useSampleWorkspace();

async function withSiteUrl(): Promise<void> {
  const config = await ws.read('snippet.config.yaml');
  if (!/^site:/mu.test(config)) await ws.write('snippet.config.yaml', `${config}\nsite:\n  url: https://example.org/snippet/\n`);
}

const site = (out?: string) => runAction((output) => siteCommand({ dir: ws.dir, out, now: new Date() }, output));

describe('snippet site on the sample workspace', () => {
  it('builds the sample workspace into out/site/ and says what it left out', async () => {
    await withSiteUrl();
    const result = await site();
    // The folder as seen from where snippet runs: out/site/ from the workspace, as the CLI is run there.
    const shown = relative(process.cwd(), join(ws.dir, 'out/site'));
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^Built the website into (\S+)\/: 1 issue, \d+ services, \d+ files\.$/u);
    expect(result.stdout.startsWith(`Built the website into ${shown}/: `)).toBe(true);
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
    const result = await site();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/snippet\.config\.yaml: error: the website needs its address/u);
    expect(result.stderr).not.toMatch(STACK);
    expect(existsSync(join(ws.dir, 'out/site'))).toBe(false);
  });
});

describe('snippet site --out where no folder can be made', () => {
  // Node's recursive mkdir loops for ever on /proc/… (ENOENT from a folder that exists): site spun there, as init once did.
  it('refuses --out /proc/nope/site at once, naming the folder it cannot make', async () => {
    await withSiteUrl();
    const result = await site('/proc/nope/site');
    expect(result.stderr).not.toMatch(/internal error/u);
    expect(result.stderr).toMatch(/cannot create the folder \/proc\/nope/u);
    expect(result.code).toBe(1);
  });

  it('refuses --out /proc/site at once, and says the site there is unchanged', async () => {
    await withSiteUrl();
    const result = await site('/proc/site');
    expect(result.stderr).not.toMatch(/internal error/u);
    expect(result.stderr).toMatch(/could not write \S*proc\/site \(ENOENT\); the site there is unchanged/u);
    expect(result.code).toBe(1);
  });
});
