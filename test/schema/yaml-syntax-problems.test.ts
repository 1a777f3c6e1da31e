import { describe, expect, it } from 'vitest';
import { parseLocatedYaml } from '../../src/schema/located-yaml.js';

const FILE = 'contacts/organisations.yaml';
const errors = (text: string) => parseLocatedYaml(text, FILE).problems.filter((p) => p.severity === 'error');

describe('YAML syntax errors: one mistake, one problem in plain words', () => {
  it('asks for quotes around a value containing ": "', () => {
    expect(errors('organisations:\n  - id: a\n    name: Aberlour: Perinatal Service\n')).toEqual([
      { severity: 'error', file: FILE, line: 3, message: 'put this name in quotes: it contains ": "', hint: 'Write it as name: "Aberlour: Perinatal Service"' },
    ]);
  });

  it('escapes quotes inside the suggested value', () => {
    expect(errors('title: The "best": start\n')[0]?.hint).toBe('Write it as title: "The \\"best\\": start"');
  });

  it('names a field indented one space too little, not the lines after it', () => {
    const text = 'research:\n  - title: R\n    url: https://example.org\n   source: Journal\n    published: 2026-10-01\n    summary: S\n';
    expect(errors(text)).toEqual([
      expect.objectContaining({
        line: 4,
        message: '"source:" is indented 3 spaces, out of line with the lines above it',
        hint: 'Indent it 4 spaces, in line with "url:" on line 3, using spaces.',
      }),
    ]);
  });

  it('names a field indented one space too far', () => {
    const text = 'research:\n  - title: R\n    url: https://example.org\n     source: Journal\n    summary: S\n';
    expect(errors(text)).toEqual([expect.objectContaining({ line: 4, message: '"source:" is indented 5 spaces, out of line with the lines above it' })]);
  });

  it('hint after a "- title:" line names the column of title, not of the dash (the hint led to the next error)', () => {
    const text = 'research:\n  - title: R\n     url: https://example.org\n    source: J\n';
    expect(errors(text)).toEqual([
      expect.objectContaining({
        line: 3,
        message: '"url:" is indented 5 spaces, out of line with the lines above it',
        hint: 'Indent it 4 spaces, in line with "title:" on line 2, using spaces.',
      }),
    ]);
    // Following the hint gives a file with no error.
    expect(errors(text.replace('     url:', '    url:'))).toEqual([]);
  });

  it('an unclosed quote gets a quote hint at the line the quote opens, not an indentation hint', () => {
    expect(errors('subject: "Our December snippet\nstatus: draft\nsend_at: 2026-12-01\n')).toEqual([
      {
        severity: 'error',
        file: FILE,
        line: 1,
        message: 'the quote that starts this subject is never closed',
        hint: 'End the value with a closing " on the same line, or remove the opening ".',
      },
    ]);
  });

  it('lets block scalars, continued values and comments be, and finds the real mistake after them', () => {
    const text = [
      'organisations:',
      '  - id: a',
      '    description: >-',
      '      Text of a block scalar,',
      '        more deeply indented here',
      '    referral: a plain value',
      '      continued on the next line',
      '# a comment at the margin',
      '    contact: "a quoted value',
      '      phone: continued"',
      '  - id: b',
      '    name: B: the second',
    ].join('\n');
    expect(errors(text)).toEqual([expect.objectContaining({ line: 12, message: 'put this name in quotes: it contains ": "' })]);
  });

  it('keeps each duplicate key as its own problem', () => {
    expect(errors('a: 1\na: 2\nb: 1\nb: 2\n').map((p) => p.line)).toEqual([2, 4]);
  });

  it('says tabs are not indentation', () => {
    expect(errors('research:\n\t- title: R\n')).toEqual([expect.objectContaining({ hint: 'YAML indentation must use spaces, not tabs.' })]);
  });

  it("keeps the parser's words when it cannot say more", () => {
    expect(errors('a: [1, 2\n')).toEqual([expect.objectContaining({ message: expect.stringMatching(/^YAML syntax: /u) })]);
  });
});
