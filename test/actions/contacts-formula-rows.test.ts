import { describe, expect, it } from 'vitest';
import { snippetInProcess } from '../support/snippet-in-process.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

/** `snippet …` in the workspace, in this process. */
const snippet = (args: string[], _options?: unknown) => snippetInProcess(ws.dir)(args);

describe('a hand-typed formula in members.csv through an import', () => {
  it('keeps the row as typed and warns of it with its line (regression: kept silently through every rewrite)', async () => {
    const row = 'hyper@example.org,"=HYPERLINK(""http://evil.example"",""Click"")",aberlour,members';
    await ws.write('contacts/members.csv', `${(await ws.read('contacts/members.csv')).trimEnd()}\n${row}\n`);
    const line = (await ws.read('contacts/members.csv')).trimEnd().split('\n').length;
    await ws.write('imp.csv', 'email,name\nnew@example.org,New\n');
    const imported = await snippet(['contacts', 'import', 'imp.csv'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(
      new RegExp(`members\\.csv:${line}: warning: "=HYPERLINK\\(.*starts like a spreadsheet formula; the row was kept as it is`, 'u'),
    );
    const members = await ws.read('contacts/members.csv');
    expect(members).toContain(`\n${row}\n`);
    expect(members).toMatch(/\nnew@example\.org,New,[^\n]*\n$/u);
  });
});
