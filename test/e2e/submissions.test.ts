import { watch } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeMicrosoftFormsXlsx } from '../support/form-exports.js';
import { spawnCli } from '../support/spawn-cli.js';
import { runCli, useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

const DRAFT = 'issues/2026-12.md';
const run = (args: string[]) => runCli(['submissions', 'import', ...args], { cwd: ws.dir, env: { NO_COLOR: '1' } });

/** The questions in an order of the form's own, not the contract's. */
const QUESTIONS = [
  'Your email',
  'Title',
  'What are you sharing?',
  'Summary',
  'Link',
  'Date',
  'Time',
  'Location',
  'Cost',
  'Booking deadline',
  'Funder',
  'Amount',
  'Deadline',
  'Your organisation',
  'Your name',
];

/** True when `before` is still all there in `after`, line for line and in order, with only whole lines added. */
function onlyLinesAdded(before: string, after: string): string[] {
  const old = before.split('\n');
  let next = 0;
  const added: string[] = [];
  for (const line of after.split('\n')) {
    if (next < old.length && line === old[next]) next += 1;
    else added.push(line);
  }
  expect(next).toBe(old.length);
  return added;
}

describe('snippet submissions import killed', () => {
  it('killed at any moment, leaves the draft as it was or with every item, and the next run finishes the job once', async () => {
    const many = Array.from({ length: 100 }, (_, i) => ({
      'What are you sharing?': 'Research',
      Title: `Paper ${i}`,
      Link: `https://example.org/paper/${i}`,
      'Your name': `Person ${i}`,
      'Your email': `p${i}@example.org`,
    }));
    await writeMicrosoftFormsXlsx(join(ws.dir, 'many.xlsx'), QUESTIONS, many);
    const before = await ws.read(DRAFT);
    expect((await run(['many.xlsx'])).code).toBe(0);
    const complete = await ws.read(DRAFT);
    expect(onlyLinesAdded(before, complete)).toHaveLength(100 * 7);

    // Killed on events, from start-up to just after the write: the process started, its temporary file
    // appearing next to the draft, the draft renamed into place.
    const moments: Array<(event: string) => boolean> = [
      (event) => event === 'spawn',
      (event) => event.startsWith('.2026-12.md.'),
      (event) => event === '2026-12.md',
    ];
    for (const moment of moments) {
      await ws.write(DRAFT, before);
      const watcher = watch(join(ws.dir, 'issues'));
      const running = spawnCli(['submissions', 'import', 'many.xlsx'], { cwd: ws.dir });
      const kill = (event: string): void => {
        if (moment(event)) running.child.kill('SIGKILL');
      };
      running.child.once('spawn', () => kill('spawn'));
      watcher.on('change', (_type, name) => kill(String(name)));
      await running.done;
      watcher.close();
      expect([before, complete]).toContain(await ws.read(DRAFT));
      // A temporary file a kill leaves behind is hidden, and no issue.
      expect((await readdir(join(ws.dir, 'issues'))).filter((name) => !name.startsWith('.'))).toEqual(['2026-11.md', '2026-12.md']);
      expect((await run(['many.xlsx'])).code).toBe(0);
      expect(await ws.read(DRAFT)).toBe(complete);
    }
  }, 120_000);
});
