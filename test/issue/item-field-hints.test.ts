import { describe, expect, it } from 'vitest';
import { parseIssue } from '../../src/issue/parse-issue.js';

const parse = (items: string) => parseIssue(`---\nsubject: S\nstatus: draft\n${items}---\n`, 'issues/2027-01.md', '2027-01').problems;

describe('hints for a typed item', () => {
  it('an empty deadline says what to write (regression: "is required (text)" and no hint)', () => {
    expect(parse('funding:\n  - title: Grants\n    url: https://example.org/g\n    deadline:\n')).toEqual([
      expect.objectContaining({
        line: 7,
        message: expect.stringMatching(/^funding item 1, deadline: /u),
        hint: 'Write the closing date as YYYY-MM-DD (e.g. deadline: 2027-01-31), or "deadline: rolling" for a fund that is open all year.',
      }),
    ]);
    expect(parse('training:\n  - title: A course\n    url: https://example.org/c\n    date: 2027-01-20\n    deadline:\n')).toEqual([
      expect.objectContaining({ line: 8, hint: expect.stringMatching(/^Write the booking deadline as YYYY-MM-DD/u) }),
    ]);
  });

  it('a bare www. link gets "Probably https://…", as the form import gives (regression: no hint)', () => {
    expect(parse('training:\n  - title: A course\n    url: www.example.org/course\n    date: 2027-01-20\n')).toEqual([
      expect.objectContaining({
        line: 6,
        message: 'training item 1, url: must be a web address starting with http:// or https://',
        hint: 'Probably https://www.example.org/course: write the address with https:// in front.',
      }),
    ]);
  });
});
