import { describe, expect, it } from 'vitest';
import { parseIssue } from '../../src/issue/parse-issue.js';
import { insertItems, type Addition } from '../../src/submissions/insert-items.js';

const FILE = 'issues/2027-01.md';
const ID = '2027-01';

/** A coordinator's draft with the habits a hand-kept file has: comments, quoting, blank lines, flow lists. */
const DRAFT = `---
# January draft: keep this comment.
subject: 'GGC PMHN snippet — January 2027'   # single-quoted on purpose
status: draft

research:
  # research first, as always
  - title: "Quoted: a study"
    url: https://example.org/a
    summary: >-
      Folded text
      over two lines.

  # a comment after the last research item

training:
- title: Unindented list
  url: https://example.org/t

news:
---
Intro with --- dashes and **Markdown**.
`;

const course: Addition = {
  section: 'training',
  fields: {
    title: 'Course: day one',
    url: 'https://example.org/c',
    date: '2027-01-21',
    summary: 'Line one.\n\nLine two.',
    submitted_by: { name: 'Ann', email: 'ann@example.org' },
  },
};
const study: Addition = { section: 'research', fields: { title: "Dads' #1 study", url: 'https://example.org/r' } };
const news: Addition = { section: 'news', fields: { title: 'Our new group', summary: '- a list\n- in Markdown' } };
const grant: Addition = { section: 'funding', fields: { title: 'Small grants', url: 'https://example.org/g', deadline: 'rolling' } };

/** The text with the inserted lines taken out again: what must be byte for byte the original. */
function without(text: string, inserted: readonly string[]): string {
  return inserted.reduce((rest, block) => rest.replace(block, ''), text);
}

describe('insertItems', () => {
  it('appends each item to its section and changes nothing else, byte for byte', () => {
    const text = insertItems(DRAFT, [course, study, news], FILE, ID);
    const issue = parseIssue(text, FILE, ID).issue!;
    expect(issue.research.map((i) => i.title)).toEqual(['Quoted: a study', "Dads' #1 study"]);
    expect(issue.training.map((i) => i.title)).toEqual(['Unindented list', 'Course: day one']);
    expect(issue.training[1]).toMatchObject({ date: '2027-01-21', summary: 'Line one.\n\nLine two.', submittedBy: { name: 'Ann', email: 'ann@example.org' } });
    expect(issue.news).toEqual([{ title: 'Our new group', summary: '- a list\n- in Markdown' }]);

    // Taking the added lines out again gives the draft back exactly.
    const blocks = [
      '  - title: "Dads\' #1 study"\n    url: https://example.org/r\n',
      '- title: "Course: day one"\n  url: https://example.org/c\n  date: 2027-01-21\n  summary: |-\n    Line one.\n\n    Line two.\n  submitted_by:\n    name: Ann\n    email: ann@example.org\n',
      '  - title: Our new group\n    summary: |-\n      - a list\n      - in Markdown\n',
    ];
    for (const block of blocks) expect(text).toContain(block);
    expect(without(text, blocks)).toBe(DRAFT);
    // Each item lands after the last item of its section, before the blank line and the comments that follow it.
    expect(text).toContain(
      '      over two lines.\n  - title: "Dads\' #1 study"\n    url: https://example.org/r\n\n  # a comment after the last research item\n',
    );
    expect(text).toContain('  url: https://example.org/t\n- title: "Course: day one"\n');
    expect(text).toContain('news:\n  - title: Our new group\n');
  });

  it('creates a missing section key at the end of the front matter', () => {
    const text = insertItems(DRAFT, [grant], FILE, ID);
    expect(without(text, ['\nfunding:\n  - title: Small grants\n    url: https://example.org/g\n    deadline: rolling\n'])).toBe(DRAFT);
    expect(parseIssue(text, FILE, ID).issue!.funding).toEqual([{ title: 'Small grants', url: 'https://example.org/g', deadline: 'rolling' }]);
  });

  it('keeps a byte-order mark and CRLF line ends, and writes the new lines with CRLF', () => {
    const crlf = `\uFEFF${DRAFT.replace(/\n/gu, '\r\n')}`;
    const text = insertItems(crlf, [study, grant], FILE, ID);
    expect(text.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(text.replace(/\r\n/gu, '')).not.toContain('\n');
    expect(
      without(text, [
        '  - title: "Dads\' #1 study"\r\n    url: https://example.org/r\r\n',
        '\r\nfunding:\r\n  - title: Small grants\r\n    url: https://example.org/g\r\n    deadline: rolling\r\n',
      ]),
    ).toBe(crlf);
  });

  it('fills an empty section written as [] or ~, and adds to a flow list', () => {
    const draft = '---\nsubject: S\nresearch: []  # none yet\nnews: ~\ntraining: [{title: A, url: "https://example.org/a"}]\n---\n';
    const text = insertItems(draft, [study, news, course], FILE, ID);
    const issue = parseIssue(text, FILE, ID).issue!;
    expect(issue.research.map((i) => i.title)).toEqual(["Dads' #1 study"]);
    expect(issue.news.map((i) => i.title)).toEqual(['Our new group']);
    expect(issue.training.map((i) => i.title)).toEqual(['A', 'Course: day one']);
    expect(text).toContain('research:   # none yet\n  - title: "Dads\' #1 study"\n');
  });

  it('fills a flow-style empty section that is the last field, while adding a section that is missing (regression: internal error)', () => {
    for (const draft of ['---\nsubject: S\nstatus: draft\ntraining: []\n---\nIntro.\n', '---\nsubject: S\nresearch: []\ntraining: []\n---\n']) {
      const text = insertItems(draft, [course, news, study], FILE, ID);
      const issue = parseIssue(text, FILE, ID).issue!;
      expect(issue.training.map((i) => i.title)).toEqual(['Course: day one']);
      expect(issue.news.map((i) => i.title)).toEqual(['Our new group']);
      expect(issue.research.map((i) => i.title)).toEqual(["Dads' #1 study"]);
    }
  });

  it('keeps the blank lines that a |+ summary holds as its own', () => {
    const draft = '---\nsubject: S\nresearch:\n  - title: A\n    url: https://example.org/a\n    summary: |+\n      Kept.\n\ntraining:\n---\n';
    const text = insertItems(draft, [study], FILE, ID);
    expect(parseIssue(text, FILE, ID).issue!.research.map((i) => i.summary)).toEqual(['Kept.\n\n', undefined]);
    expect(without(text, ['  - title: "Dads\' #1 study"\n    url: https://example.org/r\n'])).toBe(draft);
  });

  it('reads back a title or summary that YAML would otherwise misread, exactly as given', () => {
    const odd: Addition = { section: 'news', fields: { title: '- yes: no #1 "quoted" @home', summary: '  indented first line\nthen: more' } };
    const text = insertItems(DRAFT, [odd], FILE, ID);
    expect(parseIssue(text, FILE, ID).issue!.news).toEqual([{ title: '- yes: no #1 "quoted" @home', summary: '  indented first line\nthen: more' }]);
  });

  it('returns the text unchanged when there is nothing to add', () => {
    expect(insertItems(DRAFT, [], FILE, ID)).toBe(DRAFT);
  });
});
