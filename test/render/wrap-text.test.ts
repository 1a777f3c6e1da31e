import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/render/wrap-text.js';

describe('wrapText', () => {
  it('wraps long lines at spaces, keeping the indent', () => {
    expect(wrapText('  one two three four fives', 12)).toBe('  one two\n  three four\n  fives\n');
  });

  it('never breaks a long word such as a URL', () => {
    expect(wrapText('see https://example.org/a/very/long/path now', 20)).toBe('see\nhttps://example.org/a/very/long/path\nnow\n');
  });

  it('breaks a meta line between facts, keeping the separator at the line end', () => {
    expect(wrapText('Thursday 14 January 2027 · Glasgow · £25 · Book by Friday 18 December 2026', 50)).toBe(
      'Thursday 14 January 2027 · Glasgow · £25 ·\nBook by Friday 18 December 2026\n',
    );
  });

  it('keeps a postcode together on the last line', () => {
    expect(wrapText('1 Example Street, Glasgow G1 1AA', 28)).toBe('1 Example Street, Glasgow\nG1 1AA\n');
  });

  it('collapses runs of blank lines', () => {
    expect(wrapText('a\n\n\n\nb\n\n')).toBe('a\n\nb\n');
  });
});
