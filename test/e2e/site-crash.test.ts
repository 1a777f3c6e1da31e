import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOLDER_MARKER } from '../../src/fs/replace-folder.js';
import { siteWorkspace } from '../support/site-workspace.js';
import { spawnCli } from '../support/spawn-cli.js';
import { runCli } from '../support/workspace.js';

let ws: Awaited<ReturnType<typeof siteWorkspace>>;
beforeEach(async () => {
  ws = await siteWorkspace();
});
afterEach(async () => {
  await ws.remove();
});

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

describe('snippet site killed at any moment', () => {
  it('leaves the last whole site (or puts it back on the next run), never half of one', async () => {
    const first = await runCli(['site'], { cwd: ws.dir });
    expect(first.code).toBe(0);
    const whole = await filesUnder(ws.out);
    expect(whole).toContain(FOLDER_MARKER);
    const parent = join(ws.dir, 'out');

    // Each run is killed once its new folder appears, then a little later each time: while it writes, or while it swaps.
    let midWrite = 0;
    for (const delayMs of [0, 5, 20, 60, 150]) {
      const running = spawnCli(['site'], { cwd: ws.dir, timeoutMs: 30_000 });
      const deadline = Date.now() + 20_000;
      const fresh = `.site.new-${running.child.pid}`;
      while (Date.now() < deadline && !(await readdir(parent)).includes(fresh)) await new Promise((resolve) => setTimeout(resolve, 1));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      running.child.kill('SIGKILL');
      await running.done;
      const entries = await readdir(parent);
      if (entries.includes(fresh)) midWrite += 1;
      const aside = entries.find((entry) => entry.startsWith('.site.old-'));
      // Either the site is in place and whole, or the kill fell between the two renames and the whole old site is aside.
      if (entries.includes('site')) expect(await filesUnder(ws.out), `after ${delayMs} ms`).toEqual(whole);
      else expect(await filesUnder(join(parent, aside ?? 'missing')), `after ${delayMs} ms`).toEqual(whole);
    }
    // The kills really did land while a new site was half written.
    expect(midWrite).toBeGreaterThan(0);

    const last = await runCli(['site'], { cwd: ws.dir });
    expect(last.code).toBe(0);
    expect(await filesUnder(ws.out)).toEqual(whole);
    expect(await readdir(parent)).toEqual(['site']);
  });
});
