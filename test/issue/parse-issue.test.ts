import { describe, expect, it } from 'vitest';
import { parseIssue } from '../../src/issue/parse-issue.js';

const FILE = 'issues/2026-12.md';

function parse(text: string) {
  return parseIssue(text, FILE, '2026-12');
}

const minimal = `---
subject: December snippet
funding:
  - title: Small grants
    url: https://example.org/grants
    deadline: 2026-12-20
---
Hello members.
`;

describe('parseIssue', () => {
  it('reads a minimal issue with defaults', () => {
    const { issue, problems } = parse(minimal);
    expect(problems).toEqual([]);
    expect(issue).toMatchObject({
      id: '2026-12',
      subject: 'December snippet',
      status: 'draft',
      research: [],
      training: [],
      funding: [{ title: 'Small grants', url: 'https://example.org/grants', deadline: '2026-12-20' }],
      intro: 'Hello members.',
    });
  });

  it('reads every contract field', () => {
    const { issue, problems } = parse(`---
subject: S
preheader: P
send_at: 2026-12-01T09:00
status: approved
lists: [members, managers]
spotlight: aberlour
spotlight_note: Note
research:
  - title: R
    url: http://example.org/r
    summary: Sum
    organisation: aberlour
    source: Journal
    published: 2026-10-01
training:
  - title: T
    url: https://example.org/t
    date: 2026-12-09
    location: Glasgow
    cost: 0
    deadline: 2026-12-05
funding:
  - title: F
    url: https://example.org/f
    funder: Trust
    amount: 5000
    deadline: 2027-01-15
    carried_from: 2026-11
---
`);
    expect(problems).toEqual([]);
    expect(issue).toMatchObject({
      preheader: 'P',
      sendAtText: '2026-12-01T09:00',
      status: 'approved',
      lists: ['members', 'managers'],
      spotlight: 'aberlour',
      spotlightNote: 'Note',
      research: [{ source: 'Journal', published: '2026-10-01', organisation: 'aberlour', summary: 'Sum' }],
      training: [{ date: '2026-12-09', location: 'Glasgow', cost: '0', deadline: '2026-12-05' }],
      funding: [{ funder: 'Trust', amount: '5000', carriedFrom: '2026-11' }],
    });
  });

  it('reports a missing subject at the front matter', () => {
    const { problems } = parse('---\npreheader: x\n---\n');
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', file: FILE, message: expect.stringMatching(/^subject: is required/) })]);
  });

  it('reports a missing title and url with the item line', () => {
    const { problems } = parse(`---
subject: S
research:
  - summary: no title
training:
  - title: T
---
`);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [4, expect.stringMatching(/^research item 1, title: is required/)],
      [4, expect.stringMatching(/^research item 1, url: is required/)],
      [6, expect.stringMatching(/^training item 1, url: is required/)],
    ]);
  });

  it('rejects links that are not http or https', () => {
    const { problems } = parse(`---
subject: S
research:
  - title: R
    url: javascript:alert(1)
  - title: R2
    url: ftp://example.org/file
---
`);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [5, 'research item 1, url: must be a web address starting with http:// or https://'],
      [7, 'research item 2, url: must be a web address starting with http:// or https://'],
    ]);
  });

  it('requires a funding deadline', () => {
    const { problems } = parse('---\nsubject: S\nfunding:\n  - title: F\n    url: https://example.org\n---\n');
    expect(problems).toEqual([expect.objectContaining({ line: 4, message: expect.stringMatching(/^funding item 1, deadline: is required/) })]);
  });

  it('names an unknown key with its line and the likely intended one', () => {
    const { problems } = parse('---\nsubject: S\nresearch:\n  - title: R\n    url: https://example.org\n    sumary: typo\n---\n');
    expect(problems).toEqual([expect.objectContaining({ line: 6, message: 'research item 1: unknown field "sumary"', hint: 'Did you mean "summary"?' })]);
  });

  it('names an unknown top-level key', () => {
    const { problems } = parse('---\nsubject: S\nspotlite: aberlour\n---\n');
    expect(problems).toEqual([expect.objectContaining({ line: 3, hint: 'Did you mean "spotlight"?' })]);
  });

  it('reports wrong types', () => {
    const { problems } = parse('---\nsubject: S\nstatus: sent\nresearch: yes please\nlists: 3\n---\n');
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'status: must be draft or approved'],
      [4, expect.stringMatching(/^research: must be a list/)],
      [5, expect.stringMatching(/^lists: /)],
    ]);
  });

  it('reports malformed dates and times', () => {
    const { problems } = parse('---\nsubject: S\nsend_at: 1st December\nfunding:\n  - title: F\n    url: https://example.org\n    deadline: 2026-02-30\n---\n');
    expect(problems.map((p) => p.line)).toEqual([3, 7]);
  });

  it('reports a YAML syntax error with its own line, in plain words', () => {
    const { problems } = parse('---\nsubject: S\nresearch:\n  - title: a: b\n---\n');
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', line: 4, message: 'put this title in quotes: it contains ": "', hint: 'Write it as title: "a: b"' }),
    ]);
  });

  it('reports duplicate keys', () => {
    const { problems } = parse('---\nsubject: S\nsubject: T\n---\n');
    expect(problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/YAML syntax/) })]);
  });

  it('reports every problem at once', () => {
    const { problems } = parse(`---
subject: S
research:
  - title: R
    url: nope
training:
  - title: T
    url: https://example.org
    date: tomorrow
funding:
  - title: F
    url: https://example.org
    deadline: soon
---
`);
    expect(problems.map((p) => p.line)).toEqual([5, 9, 13]);
  });

  it('never evaluates JavaScript front matter', () => {
    (globalThis as Record<string, unknown>).snippetPwned = false;
    const { issue, problems } = parse('---js\n{ subject: (globalThis.snippetPwned = true, "x") }\n---\n');
    expect(issue).toBeUndefined();
    expect(problems[0]?.message).toMatch(/YAML/);
    expect((globalThis as Record<string, unknown>).snippetPwned).toBe(false);
  });

  it('refuses a subject with a line break (header injection)', () => {
    const { problems } = parse('---\nsubject: "Hello\\r\\nBcc: everyone@example.org"\n---\n');
    expect(problems).toEqual([expect.objectContaining({ line: 2, message: 'subject: must be a single line' })]);
  });

  it('explains a file without front matter', () => {
    const { problems } = parse('Just some text\n');
    expect(problems).toEqual([expect.objectContaining({ line: 1, message: 'the file does not start with front matter' })]);
  });

  it('explains front matter that is never closed', () => {
    const { problems } = parse('---\nsubject: S\n');
    expect(problems).toEqual([expect.objectContaining({ message: 'the front matter is never closed' })]);
  });

  it('reads CRLF files and a byte-order mark the same as clean ones', () => {
    const crlf = `\uFEFF${minimal.replace(/\n/g, '\r\n')}`;
    expect(parse(crlf).issue).toEqual(parse(minimal).issue);
  });

  it('treats an empty section as empty', () => {
    const { issue, problems } = parse('---\nsubject: S\nresearch:\n---\n');
    expect(problems).toEqual([]);
    expect(issue?.research).toEqual([]);
  });
});

describe('parseIssue: meeting', () => {
  it('reads meeting: false', () => {
    const { issue, problems } = parse(minimal.replace('subject: December snippet\n', 'subject: December snippet\nmeeting: false\n'));
    expect(problems).toEqual([]);
    expect(issue?.meeting).toBe(false);
  });

  it('rejects a meeting value that is not true or false, at its line', () => {
    const { problems } = parse(minimal.replace('subject: December snippet\n', 'subject: December snippet\nmeeting: no thanks\n'));
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', line: 3, message: 'meeting: must be true or false, not text' })]);
  });
});

describe('parseIssue and YAML aliases', () => {
  it('refuses aliases that expand without bound, at the line of the first alias, without throwing', () => {
    const bomb = [
      '---',
      'subject: S',
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      '---',
      '',
    ].join('\n');
    const { issue, problems } = parseIssue(bomb, 'issues/2026-12.md', '2026-12');
    expect(issue).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', line: 4, message: expect.stringMatching(/^YAML: .*alias/iu) })]);
  });
});
