import { describe, expect, it } from 'vitest';
import { recordingOutput } from '../../src/cli/recording-output.js';
import { formatError, SnippetError } from '../../src/errors.js';
import { collectOutput } from '../support/collect-output.js';

describe('recordingOutput', () => {
  it('keeps problems as the terminal shows them, hints included (the mailed delivery report reads these)', () => {
    const out = recordingOutput(collectOutput());
    out.problems([
      {
        severity: 'error',
        file: 'issues/2026-12.md',
        line: 4,
        message: 'spotlight: no organisation has the id "x"',
        hint: 'Use an id from contacts/organisations.yaml.',
      },
    ]);
    expect(out.lines).toEqual(['issues/2026-12.md:4: error: spotlight: no organisation has the id "x"', '  hint: Use an id from contacts/organisations.yaml.']);
  });
});

describe('formatError', () => {
  it('gives the problems, then what stopped the command and its hint', () => {
    const error = new SnippetError('1 problem must be fixed first', {
      problems: [{ severity: 'error', file: 'a.yaml', line: 2, message: 'm' }],
      hint: 'Fix it.',
    });
    expect(formatError(error)).toBe('a.yaml:2: error: m\nerror: 1 problem must be fixed first\n  hint: Fix it.');
    expect(formatError(new SnippetError('cannot read x', { file: 'x', line: 3 }))).toBe('x:3: error: cannot read x');
  });
});
