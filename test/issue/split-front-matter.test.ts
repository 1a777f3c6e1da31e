import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/issue/split-front-matter.js';

describe('splitFrontMatter', () => {
  it('cuts the YAML from the introduction, without the byte-order mark or the CR of CRLF', () => {
    expect(splitFrontMatter('\uFEFF---\r\nsubject: A\r\n---\r\nHello\r\n')).toEqual({ yaml: 'subject: A\n', body: 'Hello\n' });
  });

  it('reads `---yaml` as an opening line, and a closing line at the very end', () => {
    expect(splitFrontMatter('---yaml\nsubject: A\n---')).toEqual({ yaml: 'subject: A\n', body: '' });
  });

  it('is undefined without an opening or a closing line', () => {
    expect(splitFrontMatter('subject: A\n---\n')).toBeUndefined();
    expect(splitFrontMatter('---\nsubject: A\n')).toBeUndefined();
  });
});
