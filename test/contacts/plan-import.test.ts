import { describe, expect, it } from 'vitest';
import { parseMembers } from '../../src/contacts/parse-members.js';
import { planImport } from '../../src/contacts/plan-import.js';

const existing = parseMembers(
  'email,name,organisation,lists\nann@example.org,Ann Example,aberlour,members\nbob@example.org,,,members;managers\n',
  'contacts/members.csv',
).members;
const organisations = [
  { id: 'aberlour', name: 'Aberlour' },
  { id: 'home-start-glasgow-north', name: 'Home-Start Glasgow North' },
];

function plan(csv: string, options: { list?: string; suppressed?: string[] } = {}) {
  return planImport(existing, parseMembers(csv, 'export.csv'), {
    file: 'export.csv',
    organisations,
    suppressions: (options.suppressed ?? []).map((key, i) => ({ key, line: i + 2, date: '2026-10-01', reason: 'unsubscribed' })),
    ...(options.list ? { list: options.list } : {}),
  });
}

describe('planImport', () => {
  it('a later row refused for a control character in its name does not replace the earlier one', () => {
    const incoming = parseMembers('email,name\ncara@example.net,Cara\ncara@example.net,Ca\u0007ra\n', 'form.csv', { repeats: 'latest' });
    expect(incoming.members.map((m) => [m.name, m.line])).toEqual([['Cara', 2]]);
    expect(incoming.rejected).toEqual([expect.objectContaining({ severity: 'error', line: 3, message: expect.stringMatching(/control character/u) })]);
  });

  it('keeps the latest of two rows for one address and says which row was kept (regression: the first row won)', () => {
    const incoming = parseMembers(
      'email,name,organisation\ncara@example.net,Cara Nwe,\nbob@example.org,Bob,\nCARA@example.net,Cara New,aberlour\n',
      'form.csv',
      { repeats: 'latest' },
    );
    expect(incoming.members.map((m) => [m.email, m.name, m.organisation, m.line])).toEqual([
      ['CARA@example.net', 'Cara New', 'aberlour', 4],
      ['bob@example.org', 'Bob', undefined, 3],
    ]);
    expect(incoming.rejected).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: 'form.csv',
        line: 2,
        message: 'CARA@example.net is repeated on line 4 (addresses ignore case); the latest row, line 4, is kept and this one ignored',
      }),
    ]);
    const result = planImport(existing, incoming, { file: 'form.csv', organisations, suppressions: [] });
    expect(result.added).toMatchObject([{ name: 'Cara New', organisation: 'aberlour' }]);
  });

  it('adds new addresses, with --list added to their lists', () => {
    const result = plan('Email,Name\ncara@example.net,Cara New\n', { list: 'members' });
    expect(result.added).toMatchObject([{ email: 'cara@example.net', name: 'Cara New', lists: ['members'] }]);
    expect(result.updated).toEqual([]);
  });

  it('matches addresses case-insensitively and leaves identical rows unchanged', () => {
    const result = plan('email,name\nANN@Example.org,Ann Example\n');
    expect(result.unchanged.map((m) => m.email)).toEqual(['ann@example.org']);
    expect(result.added).toEqual([]);
  });

  it('updates only with non-empty, different values and unions lists; never blanks anything', () => {
    const result = plan('email,name,organisation,lists\nbob@example.org,Bob Builder,Home-Start Glasgow North,health-visitors\nann@example.org,,,\n');
    expect(result.updated).toHaveLength(1);
    expect(result.updated[0]).toMatchObject({
      before: { email: 'bob@example.org' },
      after: { name: 'Bob Builder', organisation: 'home-start-glasgow-north', lists: ['members', 'managers', 'health-visitors'] },
      changed: ['name', 'organisation', 'lists'],
    });
    expect(result.unchanged.map((m) => m.email)).toEqual(['ann@example.org']);
  });

  it("never re-adds a suppressed address, and says so with the row's line", () => {
    const result = plan('email,name\nok@example.org,OK\ngone@example.org,Gone\n', { suppressed: ['gone@example.org'] });
    expect(result.added.map((m) => m.email)).toEqual(['ok@example.org']);
    expect(result.rejected).toEqual([
      expect.objectContaining({
        file: 'export.csv',
        line: 3,
        message: expect.stringMatching(/gone@example\.org is suppressed \(unsubscribed 2026-10-01\); not added/u),
      }),
    ]);
  });

  it('keeps rows whose organisation is unknown, without it, with a warning', () => {
    const result = plan('email,company\nnew@example.org,Unknown Charity\n');
    expect(result.added[0]).not.toHaveProperty('organisation');
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/organisation "Unknown Charity" is not an id or name/u) }),
    ]);
  });

  it('takes an organisation given by its id, or by its name in any case, without a warning', () => {
    const result = plan(
      'email,organisation\nid@example.org,home-start-glasgow-north\nname@example.org,home-start GLASGOW north\nspaced@example.org, Aberlour \ncaps@example.org,Home-Start-Glasgow-North\nnone@example.org,\n',
    );
    expect(result.added.map((m) => [m.email, m.organisation])).toEqual([
      ['id@example.org', 'home-start-glasgow-north'],
      ['name@example.org', 'home-start-glasgow-north'],
      ['spaced@example.org', 'aberlour'],
      ['caps@example.org', 'home-start-glasgow-north'],
      ['none@example.org', undefined],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('keeps the organisation as written when no organisations are known', () => {
    const result = planImport([], parseMembers('email,organisation\na@example.org,Somewhere New\n', 'export.csv'), {
      file: 'export.csv',
      organisations: [],
      suppressions: [],
    });
    expect(result.added[0]?.organisation).toBe('Somewhere New');
    expect(result.warnings).toEqual([]);
  });

  it('gives no "not an id or name" warning to rows without an organisation column', () => {
    const result = plan('email,name\na@example.org,A\nbob@example.org,Bob\n');
    expect(result.warnings).toEqual([]);
    expect(result.updated[0]?.after).not.toHaveProperty('organisation');
  });

  it('writes a hyphenated name such as Mary-Jane as it is, without a leading apostrophe', () => {
    const result = plan('email,name\nmj@example.org,Mary-Jane Smith-Jones\nat@example.org,Ann @ Home\nminus@example.org,-1 Minus\n');
    expect(result.added.map((m) => m.name)).toEqual(['Mary-Jane Smith-Jones', 'Ann @ Home', "'-1 Minus"]);
  });

  it('rejects invalid addresses with their lines and keeps going', () => {
    const result = plan('email\nnot-an-address\nfine@example.org\n');
    expect(result.added.map((m) => m.email)).toEqual(['fine@example.org']);
    expect(result.rejected).toEqual([expect.objectContaining({ line: 2 })]);
  });

  it('makes a name that starts like a spreadsheet formula safe', () => {
    expect(plan('email,name\nx@example.org,=HYPERLINK("http://evil")\n').added[0]?.name).toBe('\'=HYPERLINK("http://evil")');
  });

  it('adds a repeated new address once', () => {
    const result = plan('email\nsame@example.org\nSAME@example.org\n');
    expect(result.added.map((m) => m.email)).toEqual(['same@example.org']);
  });
});
