import { describe, expect, it } from 'vitest';
import { editIssueText } from '../../src/issue/edit-issue-text.js';
import { parseIssue } from '../../src/issue/parse-issue.js';

const SOURCE = [
  '---',
  '# A hand-written comment that must survive.',
  'subject: "GGC PMHN snippet — January 2027"',
  'send_at: 2027-01-04T09:00   # first Monday',
  'status: draft',
  '',
  'research:',
  '  - title: First',
  '    url: https://example.org/1',
  '    summary: >-',
  '      Folded text that',
  '      spans two lines.',
  '  # About the second item.',
  '  - title: Second',
  '    url: https://example.org/2',
  '  - title: Third',
  '    url: https://example.org/3',
  '',
  'news: []',
  '---',
  'Hello, members.',
  '',
].join('\n');

const linesOf = (text: string): string[] => text.split('\n');
const issue = (text: string) => parseIssue(text, 'issues/2027-01.md', '2027-01').issue!;

describe('editIssueText', () => {
  it('changes a field on its own line and leaves every other line byte for byte', () => {
    const text = editIssueText(SOURCE, { fields: { subject: 'Network news — January 2027' } });
    const before = linesOf(SOURCE);
    const after = linesOf(text);
    expect(after).toHaveLength(before.length);
    expect(after.filter((line, index) => line !== before[index])).toEqual(['subject: Network news — January 2027']);
    expect(issue(text).subject).toBe('Network news — January 2027');
  });

  it('keeps a comment after a changed value on the same line', () => {
    const text = editIssueText(SOURCE, { fields: { send_at: '2027-01-05T09:00' } });
    expect(text).toContain('send_at: 2027-01-05T09:00   # first Monday');
  });

  it('writes text YAML would misread so that it reads back as typed', () => {
    const tricky = 'Closing: "soon" # not a comment\nand a second line';
    const text = editIssueText(SOURCE, {
      sections: {
        research: [
          { origin: 0, fields: { title: 'yes', summary: tricky } },
          { origin: 1, fields: {} },
          { origin: 2, fields: {} },
        ],
      },
    });
    expect(issue(text).research[0]).toMatchObject({ title: 'yes', summary: tricky });
    expect(text).toContain('# A hand-written comment that must survive.');
  });

  it('adds a missing field after the last one and removes an emptied one', () => {
    const text = editIssueText(SOURCE, {
      fields: { preheader: 'Training and grants' },
      sections: {
        research: [
          { origin: 0, fields: { summary: '' } },
          { origin: 1, fields: { source: 'A journal' } },
          { origin: 2, fields: {} },
        ],
      },
    });
    const read = issue(text);
    expect(read.preheader).toBe('Training and grants');
    expect(read.research[0]!.summary).toBeUndefined();
    expect(read.research[1]!.source).toBe('A journal');
    expect(text).toContain('    url: https://example.org/2\n    source: A journal\n');
  });

  it('reorders and removes items as whole blocks, the comment above an item moving with it', () => {
    const text = editIssueText(SOURCE, {
      sections: {
        research: [
          { origin: 1, fields: {} },
          { origin: 0, fields: {} },
        ],
      },
    });
    expect(issue(text).research.map((item) => item.title)).toEqual(['Second', 'First']);
    expect(text).toContain('research:\n  # About the second item.\n  - title: Second\n    url: https://example.org/2\n  - title: First\n');
    expect(text).not.toContain('Third');
    expect(text).toContain('\n\nnews: []\n');
  });

  it('removes the first field of an item by moving the next one up to the dash', () => {
    const text = editIssueText(SOURCE, {
      sections: {
        research: [
          { origin: 0, fields: {} },
          { origin: 1, fields: {} },
          { origin: 2, fields: { title: '' } },
        ],
      },
    });
    expect(text).toContain('  - url: https://example.org/3\n');
  });

  it('replaces the introduction and nothing above it', () => {
    const text = editIssueText(SOURCE, { intro: 'New words.\r\nSecond line.' });
    expect(text.slice(0, SOURCE.indexOf('Hello'))).toBe(SOURCE.slice(0, SOURCE.indexOf('Hello')));
    expect(issue(text).intro).toBe('New words.\nSecond line.');
  });

  it('keeps CRLF line endings and the byte-order mark', () => {
    const crlf = `\uFEFF${SOURCE.replace(/\n/gu, '\r\n')}`;
    const text = editIssueText(crlf, { fields: { subject: 'Changed' }, intro: 'One\ntwo' });
    expect(text.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(text.replace(/\r\n/gu, '')).not.toContain('\n');
    expect(text).toContain('subject: Changed\r\n');
  });

  it('changes nothing when nothing differs', () => {
    expect(editIssueText(SOURCE, { fields: { subject: 'GGC PMHN snippet — January 2027', preheader: '' } })).toBe(SOURCE);
  });
});

describe('editIssueText adding items', () => {
  it('adds an item at the end of its section, at the same indent, times in quotes', () => {
    const text = editIssueText(SOURCE, {
      sections: {
        research: [
          { origin: 0, fields: {} },
          { origin: 1, fields: {} },
          { origin: 2, fields: {} },
          { origin: undefined, fields: { title: 'Fourth: new', url: 'https://example.org/4', source: '' } },
        ],
      },
    });
    expect(text).toContain('    url: https://example.org/3\n  - title: "Fourth: new"\n    url: https://example.org/4\n\nnews: []');
  });

  it('starts an empty section and a missing one', () => {
    const text = editIssueText(SOURCE, {
      sections: {
        news: [{ origin: undefined, fields: { title: 'A new group' } }],
        training: [{ origin: undefined, fields: { title: 'A course', url: 'https://example.org/c', date: '2027-01-20', time: '10:00' } }],
      },
    });
    expect(text).toContain(
      'news:\n  - title: A new group\ntraining:\n  - title: A course\n    url: https://example.org/c\n    date: 2027-01-20\n    time: "10:00"\n---\n',
    );
    expect(issue(text).training[0]!.time).toBe('10:00');
  });
});
