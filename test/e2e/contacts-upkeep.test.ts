import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

describe('snippet contacts resubscribe without --reason', () => {
  it('is a usage error (exit 2): without a reason there is no record worth keeping', async () => {
    await ws.write('contacts/suppressions.csv', 'email,date,reason\nleft-network@example.net,2026-09-14,unsubscribed\n');
    expect((await runCli(['contacts', 'resubscribe', 'left-network@example.net'], { cwd: ws.dir })).code).toBe(2);
    expect(await ws.read('contacts/suppressions.csv')).toBe('email,date,reason\nleft-network@example.net,2026-09-14,unsubscribed\n');
  });
});

describe('two contacts imports at once', () => {
  it('keeps every set when three imports run at the same time (regression: each said "new", one set was lost)', async () => {
    const sets = [0, 1, 2].map((set) => Array.from({ length: 1500 }, (_, i) => `person${i}.set${set}@example.org,Person ${i} of ${set}`));
    await Promise.all(sets.map((rows, set) => writeFile(join(ws.dir, `import-${set}.csv`), `email,name\n${rows.join('\n')}\n`)));
    const results = await Promise.all(sets.map((_, set) => runCli(['contacts', 'import', `import-${set}.csv`], { cwd: ws.dir })));
    for (const result of results) expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/1500 new/u) });
    const members = await ws.read('contacts/members.csv');
    for (const set of [0, 1, 2]) expect(members.match(new RegExp(`\\.set${set}@`, 'gu'))).toHaveLength(1500);
    const check = await runCli(['contacts', 'check', '--json'], { cwd: ws.dir });
    expect(JSON.parse(check.stdout)).toMatchObject({ members: 41 + 4500, errors: 0 });
  });
});
