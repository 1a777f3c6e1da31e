import { describe, expect, it } from 'vitest';
import { snippetInProcess } from '../support/snippet-in-process.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();

/** `snippet …` in the workspace, in this process. */
const snippet = (args: string[], _options?: unknown) => snippetInProcess(ws.dir)(args);

describe('snippet contacts unsubscribe of a mistyped address', () => {
  it('asks "did you mean" and needs --force for gordon.bard when gordon.baird is listed (regression: the typo was suppressed, exit 0)', async () => {
    await ws.write('contacts/members.csv', `${await ws.read('contacts/members.csv')}gordon.baird@nhs.scot,Gordon Baird,,members\n`);
    const before = await ws.read('contacts/suppressions.csv');
    const typo = await snippet(['contacts', 'unsubscribe', 'gordon.bard@nhs.scot'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/gordon\.bard@nhs\.scot is not on the mailing list; did you mean gordon\.baird@nhs\.scot\?/u);
    expect(typo.stderr).toMatch(/--force/u);
    expect(await ws.read('contacts/suppressions.csv')).toBe(before);

    const forced = await snippet(['contacts', 'unsubscribe', 'gordon.bard@nhs.scot', '--force'], { cwd: ws.dir });
    expect(forced.code).toBe(0);
    expect(await ws.read('contacts/suppressions.csv')).toMatch(/\ngordon\.bard@nhs\.scot,\d{4}-\d\d-\d\d,unsubscribed\n$/u);
    // An address far from every member is suppressed as before: someone may ask never to be mailed.
    expect((await snippet(['contacts', 'unsubscribe', 'stranger@elsewhere.example'], { cwd: ws.dir })).code).toBe(0);
  });
});

describe('snippet contacts resubscribe', () => {
  it('lifts a suppression and keeps a dated record of who did it and why (regression: only a hand edit of suppressions.csv could)', async () => {
    await ws.write(
      'contacts/suppressions.csv',
      'email,date,reason\nleft-network@example.net,2026-09-14,unsubscribed\r\n"kept@example.org",2026-10-01,bounced\n',
    );
    // Without a reason there is no record worth keeping: a usage error (commander's, test/e2e/contacts-upkeep.test.ts).
    const typo = await snippet(['contacts', 'resubscribe', 'left-netwrk@example.net', '--reason', 'signed up again'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(typo).toMatchObject({ code: 1, stderr: expect.stringMatching(/did you mean left-network@example\.net\?/u) });

    const result = await snippet(['contacts', 'resubscribe', 'Left-Network@example.net', '--reason', 'signed up again on the form', '--by', 'Morag'], {
      cwd: ws.dir,
      env: { NO_COLOR: '1' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Left-Network@example\.net is no longer suppressed \(was: unsubscribed since 2026-09-14\); recorded in contacts\/resubscriptions\.csv/u,
    );
    expect(await ws.read('contacts/suppressions.csv')).toBe('email,date,reason\n"kept@example.org",2026-10-01,bounced\n');
    expect(await ws.read('contacts/resubscriptions.csv')).toMatch(
      /^email,suppressed_on,suppression_reason,resubscribed_on,by,reason\nleft-network@example\.net,2026-09-14,unsubscribed,\d{4}-\d\d-\d\d,Morag,signed up again on the form\n$/u,
    );

    // Now the import that was refused takes them back.
    await ws.write('signup.csv', 'email,name\nleft-network@example.net,Came Back\n');
    expect((await snippet(['contacts', 'import', 'signup.csv'], { cwd: ws.dir })).stdout).toMatch(/1 new/u);
    const again = await snippet(['contacts', 'resubscribe', 'left-network@example.net', '--reason', 'x'], { cwd: ws.dir });
    expect(again).toMatchObject({ code: 0, stdout: expect.stringMatching(/not in contacts\/suppressions\.csv; nothing to do/u) });
  });
});

describe('spreadsheet formulas in contacts files', () => {
  it('contacts list prints formula cells neutralised (regression: =HYPERLINK(…), +cmd, @SUM(…) printed as they are)', async () => {
    await ws.write(
      'contacts/members.csv',
      'email,name,organisation,lists\na@example.org,"=HYPERLINK(""http://evil.example"",""x"")",+cmd,members\nb@example.org,@SUM(1),-2+3,members\n',
    );
    const list = await snippet(['contacts', 'list'], { cwd: ws.dir });
    expect(list.code).toBe(0);
    expect(list.stdout).toBe(
      'email,name,organisation,lists\na@example.org,"\'=HYPERLINK(""http://evil.example"",""x"")",\'+cmd,members\nb@example.org,\'@SUM(1),\'-2+3,members\n',
    );
  });

  it('an import refuses a formula address and list names, and writes formula names neutralised (regression: =1+1@example.org and "=cmd|x;@SUM(1)" kept)', async () => {
    await ws.write('signup.csv', 'email,name,lists\n=1+1@example.org,Eve,members\nc@example.org,=1+1,"=cmd|x;@SUM(1)"\n');
    const result = await snippet(['contacts', 'import', 'signup.csv'], { cwd: ws.dir, env: { NO_COLOR: '1' } });
    expect(result.stdout).toMatch(/1 new, 0 updated, 0 unchanged, 1 rejected/u);
    expect(result.stderr).toMatch(/signup\.csv:2: error: "=1\+1@example\.org" is not a plain email address/u);
    expect(result.stderr).toMatch(/signup\.csv:3: warning: list names "=cmd", "@SUM\(1\)" left out/u);
    const members = await ws.read('contacts/members.csv');
    // The sample file's last column is greeting_name, which the import does not have.
    expect(members).toMatch(/\nc@example\.org,'=1\+1,,x,\n$/u);
    expect(members).not.toMatch(/=1\+1@|,=|,@/u);
  });

  it('contacts unsubscribe refuses a formula address and neutralises a formula reason', async () => {
    const before = await ws.read('contacts/suppressions.csv');
    expect((await snippet(['contacts', 'unsubscribe', "=cmd|'/Ccalc'!A0@example.org"], { cwd: ws.dir })).code).toBe(2);
    expect(await ws.read('contacts/suppressions.csv')).toBe(before);
    expect((await snippet(['contacts', 'unsubscribe', 'jamie.robertson@example.net', '--reason', '=1+1'], { cwd: ws.dir })).code).toBe(0);
    expect(await ws.read('contacts/suppressions.csv')).toMatch(/\njamie\.robertson@example\.net,\d{4}-\d\d-\d\d,'=1\+1\n$/u);
  });
});
