import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snippetInProcess } from '../support/snippet-in-process.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

/** `snippet …` in the workspace, in this process. */
const snippet = (args: string[], _options?: unknown) => snippetInProcess(ws.dir)(args);

/** Excel's "Unicode Text": UTF-16 LE with a byte-order mark, tab-separated. */
function utf16(text: string): Buffer {
  return Buffer.from(`\uFEFF${text}`, 'utf16le');
}

function windows1252(text: string): Buffer {
  const table: Record<string, number> = { '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96 };
  return Buffer.from([...text].map((char) => table[char] ?? char.charCodeAt(0)));
}

const FIXTURES = join(import.meta.dirname, '../fixtures/csv');

describe('snippet contacts import of an Outlook export', () => {
  it('imports a Windows-1252 export with ’ “ ” – in names and organisations, E-mail 2/3 addresses, and explains an X.500 entry (regression: "O 302 222 H", Barnardo’s Nurture unmatched, E-mail 2 "missing")', async () => {
    const result = await snippet(['contacts', 'import', join(FIXTURES, 'outlook-windows-1252.csv')], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/4 new, 0 updated, 0 unchanged, 1 rejected/u);
    expect(result.stderr).toMatch(/outlook-windows-1252\.csv:4: error: "\/o=ExchangeLabs\/.*" is an Exchange \(X\.500\) address/u);
    expect(result.stderr).toMatch(/open the contact and copy the email address.*Global Address List/su);
    expect(result.stderr).not.toMatch(/is not an id or name/u);
    const members = await ws.read('contacts/members.csv');
    // The sample file's last column is greeting_name, which the export does not have.
    expect(members).toContain('\nsiobhan.ohare@example.org,Siobhan O’Hare,barnardos-nurture,,\n');
    expect(members).toContain('\nmags.doyle@example.net,Margaret “Mags” Doyle,home-start-glasgow-north,,\n');
    expect(members).toContain('\nfiona.reid@example.org,Fiona Reid,aberlour,,\n');
    expect(members).toContain('\nross.duncan@example.org,Ross Duncan,,,\n');
    expect(members).not.toMatch(/[\u0080-\u009f\uFFFD]/u);
  });
});

describe('contacts files in the encodings spreadsheets save', () => {
  it('reads a UTF-16 members.csv (regression: "no email column (found ��email)", then 0 members and exit 0)', async () => {
    await writeFile(
      join(ws.dir, 'contacts/members.csv'),
      utf16('email\tname\torganisation\tlists\r\nciaran@example.org\tCiarán Ó Dónaill\taberlour\tmembers\r\n'),
    );
    const list = await snippet(['contacts', 'list'], { cwd: ws.dir });
    expect(list).toMatchObject({ code: 0, stdout: 'email,name,organisation,lists\nciaran@example.org,Ciarán Ó Dónaill,aberlour,members\n' });
    const check = await snippet(['contacts', 'check', '--json'], { cwd: ws.dir });
    expect(JSON.parse(check.stdout)).toMatchObject({ members: 1, errors: 0, warnings: 0 });
    const whole = await snippet(['check'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(whole.stderr + whole.stdout).not.toMatch(/members\.csv/u);
  });

  it('reads a Windows-1252 members.csv with ’ “ ” – right (regression: O’Hare became "O\\u0092Hare" or "O�Hare")', async () => {
    await writeFile(
      join(ws.dir, 'contacts/members.csv'),
      windows1252(
        'email,name,organisation,lists\r\nsiobhan@example.org,Siobhan O’Hare,barnardos-nurture,members\r\nmags@example.org,Margaret “Mags” Doyle – PMHN,,members\r\n',
      ),
    );
    const list = await snippet(['contacts', 'list'], { cwd: ws.dir });
    expect(list.code).toBe(0);
    expect(list.stdout).toBe(
      'email,name,organisation,lists\nsiobhan@example.org,Siobhan O’Hare,barnardos-nurture,members\nmags@example.org,Margaret “Mags” Doyle – PMHN,,members\n',
    );
  });

  it('contacts list fails with file:line on errors in members.csv (regression: printed 0 members, exit 0)', async () => {
    await ws.write('contacts/members.csv', 'mail address,name\na@example.org,A\n');
    const missing = await snippet(['contacts', 'list'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/contacts\/members\.csv:1: error: no email column in the header/u);
    expect(missing.stdout).toBe('');

    await ws.write('contacts/members.csv', 'email,name\na@example.org,A\nbroken,B\n');
    const bad = await snippet(['contacts', 'list'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/contacts\/members\.csv:3: error: "broken" is not an email address/u);
  });

  it('appends an unsubscribe to a UTF-16 suppressions.csv without garbling it: the file is written again as UTF-8', async () => {
    await writeFile(join(ws.dir, 'contacts/suppressions.csv'), utf16('email\tdate\treason\r\nleft-network@example.net\t2026-09-14\tunsubscribed\r\n'));
    expect((await snippet(['contacts', 'unsubscribe', 'jamie.robertson@example.net'], { cwd: ws.dir })).code).toBe(0);
    expect(await ws.read('contacts/suppressions.csv')).toMatch(
      /^\uFEFFemail\tdate\treason\r\nleft-network@example\.net\t2026-09-14\tunsubscribed\r\njamie\.robertson@example\.net\t\d{4}-\d\d-\d\d\tunsubscribed\r\n$/u,
    );
    const check = await snippet(['contacts', 'check', '--json'], { cwd: ws.dir });
    expect(JSON.parse(check.stdout)).toMatchObject({ suppressions: 2, suppressed: 1, errors: 0 });
  });
});

describe('a UTF-8 members.csv with one stray Windows-1252 byte', () => {
  it('keeps every other name and says which line was guessed, on check and on the import that rewrites it (regression: "Zoë" became "ZoÃ«" and was written back)', async () => {
    await appendFile(
      join(ws.dir, 'contacts/members.csv'),
      Buffer.from([...Buffer.from('oh@example.org,Sinead O'), 0x92, ...Buffer.from('Hare,aberlour,members\n')]),
    );
    const lines = (await ws.read('contacts/members.csv')).split('\n').length - 1;
    const check = await snippet(['contacts', 'check'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(check.stderr + check.stdout).toMatch(
      new RegExp(`members\\.csv:${lines}: warning: the file is UTF-8 except for some bytes, read as Windows-1252, on line ${lines}`, 'u'),
    );
    await writeFile(join(ws.dir, 'imp.csv'), 'email,name\nnew@example.org,New\n');
    const imported = await snippet(['contacts', 'import', 'imp.csv'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(new RegExp(`members\\.csv:${lines}: warning: .*read as Windows-1252`, 'u'));
    const members = await ws.read('contacts/members.csv');
    expect(members).toMatch(/\nzoe\.mcintyre@example\.org,Zoë McIntyre,cafe-stork,members[^\n]*\n/u);
    expect(members).toMatch(/\noh@example\.org,Sinead O’Hare,aberlour,members[^\n]*\n/u);
    expect(members).not.toMatch(/Ã/u);
  });
});
