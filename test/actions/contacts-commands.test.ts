import { chmod, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snippetInProcess } from '../support/snippet-in-process.js';
import { useSampleWorkspace } from '../support/workspace.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/csv');

const ws = useSampleWorkspace();

const EXCEL_MEMBERS =
  '\uFEFFemail;name;organisation;lists;notes\r\na@example.org;"Smith; Ann";aberlour;members;"met in\r\nGlasgow"\r\nb@example.org;Bob;;members;\r\n\r\n';

/** `snippet …` in the workspace, in this process. */
const snippet = (args: string[], _options?: unknown) => snippetInProcess(ws.dir)(args);

describe('snippet contacts import', () => {
  it('merges an Outlook export, then a second run changes nothing (round trip)', async () => {
    const before = await ws.read('contacts/members.csv');
    const first = await snippet(['contacts', 'import', join(FIXTURES, 'outlook-contacts-export.csv'), '--list', 'outlook'], {
      cwd: ws.dir,
      env: { NO_COLOR: '1' },
    });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/2 new, 1 updated, 0 unchanged, 2 rejected/u);
    expect(first.stderr).toMatch(/outlook-contacts-export\.csv:3: error: the email address is missing/u);
    const after = await ws.read('contacts/members.csv');
    expect(after).toContain('aileen.macleod@example.org,Aileen MacLeod,aberlour,members;managers;outlook\n');
    // The sample file's last column is greeting_name, which the export does not have.
    expect(after).toMatch(/\nkirsty\.bell@example\.net,Kirsty Bell,home-start-glasgow-north,outlook,\nross\.duncan@example\.org,Ross Duncan,,outlook,\n$/u);
    // Every other line is as it was.
    const others = (text: string): string[] => text.split('\n').filter((line) => !/^(aileen\.macleod|kirsty\.bell|ross\.duncan)@/u.test(line));
    expect(others(after)).toEqual(others(before));

    const again = await snippet(['contacts', 'import', join(FIXTURES, 'outlook-contacts-export.csv'), '--list', 'outlook'], { cwd: ws.dir });
    expect(again.stdout).toMatch(/0 new, 0 updated, 3 unchanged, 2 rejected; nothing to write/u);
    expect(await ws.read('contacts/members.csv')).toBe(after);
    expect((await snippet(['check'], { cwd: ws.dir })).code).toBe(0);
  });

  it("keeps an Excel file's BOM, separator, CRLF, extra columns and untouched rows byte for byte", async () => {
    await ws.write('contacts/members.csv', EXCEL_MEMBERS);
    await ws.write('signup.csv', 'Email Address,Your name\nA@EXAMPLE.ORG,Ann Smith\nc@example.org,"Carol, C"\n');
    const result = await snippet(['contacts', 'import', 'signup.csv', '--list', 'events'], { cwd: ws.dir });
    expect(result.stdout).toMatch(/1 new, 1 updated, 0 unchanged, 0 rejected/u);
    expect(await ws.read('contacts/members.csv')).toBe(
      '\uFEFFemail;name;organisation;lists;notes\r\na@example.org;Ann Smith;aberlour;members;events;"met in\r\nGlasgow"\r\nb@example.org;Bob;;members;\r\nc@example.org;Carol, C;;events;\r\n\r\n'.replace(
        'members;events;',
        '"members;events";',
      ),
    );
  });

  it('keeps a private (0600) members.csv private when it rewrites it (regression: it became 0644)', async () => {
    await chmod(join(ws.dir, 'contacts/members.csv'), 0o600);
    const result = await snippet(['contacts', 'import', join(FIXTURES, 'outlook-contacts-export.csv')], { cwd: ws.dir });
    expect(result.stdout).toMatch(/\d+ new/u);
    expect((await stat(join(ws.dir, 'contacts/members.csv'))).mode & 0o777).toBe(0o600);
  });

  it('never re-adds a suppressed address, and says so', async () => {
    await ws.write('signup.csv', 'email,name\nLeft-Network@example.net,Came Back\n');
    const result = await snippet(['contacts', 'import', 'signup.csv'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.stderr).toMatch(/signup\.csv:2: warning: Left-Network@example\.net is suppressed \(unsubscribed 2026-09-14\); not added/u);
    expect(await ws.read('contacts/members.csv')).not.toMatch(/left-network/iu);
  });

  it('writes nothing with --dry-run, and creates members.csv when there is none', async () => {
    const before = await ws.read('contacts/members.csv');
    const dry = await snippet(['contacts', 'import', join(FIXTURES, 'google-form-signup.csv'), '--dry-run'], { cwd: ws.dir });
    expect(dry.stdout).toMatch(/\[Dry run\] .*1 new/u);
    expect(await ws.read('contacts/members.csv')).toBe(before);
    await ws.write('contacts/members.csv', '');
    await rm(join(ws.dir, 'contacts/members.csv'));
    await snippet(['contacts', 'import', join(FIXTURES, 'google-form-signup.csv')], { cwd: ws.dir });
    // The same person twice: the latest row (the correction) is kept.
    expect(await ws.read('contacts/members.csv')).toBe('email,name,organisation,lists\nNEW.MEMBER@example.org,New Member again,aberlour,\n');
  });
});

describe('snippet contacts unsubscribe, list and check', () => {
  it('suppresses an address once, with the date in the workspace time zone', async () => {
    const first = await snippet(['contacts', 'unsubscribe', 'Jamie.Robertson@example.net', '--reason', 'asked by phone'], { cwd: ws.dir });
    expect(first.code).toBe(0);
    const second = await snippet(['contacts', 'unsubscribe', 'jamie.robertson@example.net'], { cwd: ws.dir });
    expect(second).toMatchObject({ code: 0, stdout: expect.stringMatching(/already suppressed/u) });
    const rows = (await ws.read('contacts/suppressions.csv')).split('\n').filter((line) => line.startsWith('jamie'));
    expect(rows).toEqual([expect.stringMatching(/^jamie\.robertson@example\.net,\d{4}-\d{2}-\d{2},asked by phone$/u)]);
    expect((await snippet(['contacts', 'unsubscribe', 'not-an-address'], { cwd: ws.dir })).code).toBe(2);

    const list = await snippet(['contacts', 'list', '--list', 'members'], { cwd: ws.dir });
    expect(list.stdout.split('\n')[0]).toBe('email,name,organisation,lists');
    expect(list.stdout).not.toMatch(/jamie\.robertson/u);
    expect(list.stderr).toMatch(/members in list members; 1 suppressed left out/u);

    const check = await snippet(['contacts', 'check', '--json'], { cwd: ws.dir });
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ members: 41, suppressed: 1, mailed: 40, suppressions: 2, errors: 0, byList: { members: 39 } });
  });

  it('refuses to unsubscribe into a suppressions.csv with an unclosed quote, and adds nothing (the row would land inside the quote)', async () => {
    const broken = 'email,date,reason\nleft-network@example.net,2026-09-14,"unsubscribed\n';
    await ws.write('contacts/suppressions.csv', broken);
    for (let run = 0; run < 2; run += 1) {
      const result = await snippet(['contacts', 'unsubscribe', 'x@example.net'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/contacts\/suppressions\.csv:2: error: a quote \("\) opened in this row is never closed/u);
      expect(result.stderr).toMatch(/nothing added: fix contacts\/suppressions\.csv first/u);
      expect(result.stdout).not.toMatch(/is suppressed/u);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /u);
    }
    expect(await ws.read('contacts/suppressions.csv')).toBe(broken);
  });

  it('labels an error in suppressions.csv with that file, not members.csv', async () => {
    await ws.write('contacts/suppressions.csv', 'email,date,reason\nleft-network@example.net,2026-09-14,"unsubscribed\n');
    const result = await snippet(['contacts', 'check'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^contacts\/suppressions\.csv: 1 error, 0 warnings\.$/mu);
    expect(result.stderr).not.toMatch(/members\.csv/u);
  });

  it('reports every problem of members.csv at once, with lines, and exits 1', async () => {
    await ws.write('contacts/members.csv', 'email,name,organisation\na@example.org,A,no-such-org\n\nbroken,B,\nA@EXAMPLE.ORG,A again,\n');
    const result = await snippet(['contacts', 'check'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/contacts\/members\.csv:2: warning: organisation "no-such-org"/u);
    expect(result.stderr).toMatch(/contacts\/members\.csv:4: error: "broken" is not an email address/u);
    expect(result.stderr).toMatch(/contacts\/members\.csv:5: warning: A@example\.org is already listed on line 2/u);
  });
});
