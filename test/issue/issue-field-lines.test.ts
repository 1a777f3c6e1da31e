import { describe, expect, it } from 'vitest';
import { issueFieldLines } from '../../src/issue/issue-field-lines.js';

const SOURCE = ['---', '# comment', 'subject: Hello', 'research:', '  - title: One', '    summary: >-', '      two', '      lines', '---', 'Intro'].join('\n');

describe('issueFieldLines', () => {
  it('names the field of each line, as the editor names its fields', () => {
    const field = issueFieldLines(SOURCE);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 10].map(field)).toEqual([
      undefined,
      undefined,
      'subject',
      'research',
      'research.0.title',
      'research.0.summary',
      'research.0.summary',
      'research.0.summary',
      'intro',
    ]);
  });

  it('names nothing in a file without front matter', () => {
    expect(issueFieldLines('Just text')(1)).toBeUndefined();
  });
});
