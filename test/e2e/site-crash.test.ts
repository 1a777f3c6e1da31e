import { watch, type FSWatcher } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOLDER_MARKER } from '../../src/fs/replace-folder.js';
import { useSiteWorkspace } from '../support/site-workspace.js';
import { spawnCli } from '../support/spawn-cli.js';
import { runCli } from '../support/workspace.js';

const ws = useSiteWorkspace();

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

    // Each run is killed on an event of its own: its new folder appearing, an entry seen written in it (the
    // watch on it starts once the folder is seen, so it may miss the first), the old site set aside, the new
    // one in its place.
    const moments: Array<{ name: string; due: (event: { folder: 'out' | 'new'; name: string; count: number }) => boolean }> = [
      { name: 'new folder made', due: (e) => e.folder === 'out' && e.name.startsWith('.site.new-') },
      { name: 'an entry written', due: (e) => e.folder === 'new' && e.count === 1 },
      { name: 'old site aside', due: (e) => e.folder === 'out' && e.name.startsWith('.site.old-') },
      { name: 'new site in place', due: (e) => e.folder === 'out' && e.name === 'site' },
    ];
    let midWrite = 0;
    for (const moment of moments) {
      const watchers: FSWatcher[] = [watch(parent)];
      const running = spawnCli(['site'], { cwd: ws.dir, timeoutMs: 30_000 });
      const fresh = `.site.new-${running.child.pid}`;
      let written = 0;
      const seen = (folder: 'out' | 'new', name: string): void => {
        if (folder === 'new') written += 1;
        if (folder === 'out' && name === fresh) {
          // Watched from its first moment: nothing can be written in it before it exists.
          // Gone already when the run has ended or renamed it into place.
          try {
            const inside = watch(join(parent, fresh));
            inside.on('change', (_type, entry) => seen('new', String(entry)));
            inside.on('error', () => undefined);
            watchers.push(inside);
          } catch {
            // Nothing to watch.
          }
        }
        if (moment.due({ folder, name, count: written })) running.child.kill('SIGKILL');
      };
      watchers[0]!.on('change', (_type, entry) => seen('out', String(entry)));
      await running.done;
      for (const watcher of watchers) watcher.close();
      const entries = await readdir(parent);
      if (entries.includes(fresh)) midWrite += 1;
      const aside = entries.find((entry) => entry.startsWith('.site.old-'));
      // Either the site is in place and whole, or the kill fell between the two renames and the whole old site is aside.
      if (entries.includes('site')) expect(await filesUnder(ws.out), moment.name).toEqual(whole);
      else expect(await filesUnder(join(parent, aside ?? 'missing')), moment.name).toEqual(whole);
    }
    // The kills really did land while a new site was half written.
    expect(midWrite).toBeGreaterThan(0);

    const last = await runCli(['site'], { cwd: ws.dir });
    expect(last.code).toBe(0);
    expect(await filesUnder(ws.out)).toEqual(whole);
    expect(await readdir(parent)).toEqual(['site']);
  }, 60_000);
});
