import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { parseIssue } from '../../src/issue/parse-issue.js';
import { parseOrganisations } from '../../src/organisations/parse-organisations.js';
import { mapColumns } from '../../src/submissions/map-columns.js';
import { responseToItem } from '../../src/submissions/response-to-item.js';

const ISSUE = (summary: string): string =>
  `---\nsubject: December\nstatus: draft\nresearch:\n  - title: Sleep\n    url: https://example.org/sleep\n    summary: ${summary}\n---\nIntro.\n`;

describe('control characters where text enters', () => {
  it("a vertical tab in an issue summary (Word's line break) is an error at its line (regression: it passed check and broke the feeds)", () => {
    const { issue, problems } = parseIssue(ISSUE('One.\u000bTwo.'), 'issues/2026-12.md', '2026-12');
    expect(issue).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'issues/2026-12.md', line: 7, message: 'a control character (U+000B) in the text' }),
    ]);
  });

  it('a form feed in the introduction is an error at its line', () => {
    const { problems } = parseIssue(`${ISSUE('Fine.')}Page one.\u000cPage two.\n`, 'issues/2026-12.md', '2026-12');
    expect(problems).toEqual([expect.objectContaining({ line: 10, message: 'a control character (U+000C) in the text' })]);
  });

  it('a bare CR is refused with its line; CRLF line ends and tabs are fine', () => {
    const { problems } = parseIssue(ISSUE('One.\rTwo.'), 'issues/2026-12.md', '2026-12');
    expect(problems).toEqual([expect.objectContaining({ line: 7, message: 'a carriage return (CR) on its own, in the middle of the line' })]);
    const crlf = parseIssue(ISSUE('One.\tTwo.').replace(/\n/gu, '\r\n'), 'issues/2026-12.md', '2026-12');
    expect(crlf.problems).toEqual([]);
    expect(crlf.issue?.research[0]?.summary).toBe('One.\tTwo.');
  });

  it('an ESC in the config and a form feed in the organisations are errors at their lines', () => {
    const config = parseConfig('network:\n  name: Test\u001b[2J Network\n', 'snippet.config.yaml');
    expect(config.problems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'snippet.config.yaml', line: 2, message: 'a control character (U+001B ESC) in the text' }),
    ]);
    const organisations = parseOrganisations('organisations:\n  - id: a\n    name: A\n    description: One\u000cTwo\n', 'contacts/organisations.yaml');
    expect(organisations.problems).toEqual([expect.objectContaining({ line: 4, message: 'a control character (U+000C) in the text' })]);
  });

  it('form answers lose terminal escape sequences before they are stored or shown, with a warning (regression: ESC/OSC echoed and stored)', () => {
    const header = ['What are you sharing?', 'Title', 'Summary', 'Your name'];
    const { map } = mapColumns(header, {}, 'form.csv');
    const answers = [
      'News',
      'Drop-in\u001b]0;pwned\u0007 group',
      'Every\u000bSaturday\u001b[31m, 10am\u001b[0m.',
      'Ann\u001b]8;;https://evil.example/\u001b\\ Lee',
    ];
    const result = responseToItem({ row: 2, cells: answers.map((text) => ({ text })) }, map, { file: 'form.csv', organisations: [] });
    expect(result.item?.fields).toMatchObject({ title: 'Drop-in group', summary: 'Every\nSaturday, 10am.', submitted_by: { name: 'Ann Lee' } });
    expect(JSON.stringify(result.item)).not.toMatch(/\\u001b|\\u0007|\\u000b/u);
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'warning', message: 'control characters (invisible, or terminal escape codes) were removed from the answers' }),
    ]);
  });
});
