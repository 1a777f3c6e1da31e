import { describe, expect, it } from 'vitest';
import { findPlaceholders, preferPlaceholders } from '../../src/workspace/placeholders.js';

describe('placeholders', () => {
  it('finds FILL IN values and fill-in- ids and addresses at their lines, not in comments', () => {
    const text =
      '# Replace every FILL IN value\nnetwork:\n  name: FILL IN the name\n  short_name: PMHN\nfrom: Me <fill-in-sender@example.invalid>\n  - id: fill-in-organisation-id   # kebab-case\n';
    expect(findPlaceholders(text, 'snippet.config.yaml').map((p) => [p.line, p.message])).toEqual([
      [3, 'still to fill in: name: FILL IN the name'],
      [5, 'still to fill in: from: Me <fill-in-sender@example.invalid>'],
      [6, 'still to fill in: id: fill-in-organisation-id'],
    ]);
  });

  it('leaves ordinary words alone', () => {
    expect(findPlaceholders('summary: Please fill in the form by Friday.\n', 'issues/2026-12.md')).toEqual([]);
  });

  it('shows the placeholder instead of the other problems on its line', () => {
    const placeholder = { severity: 'error', file: 'f', line: 2, message: 'still to fill in: x' } as const;
    const other = { severity: 'error', file: 'f', line: 2, message: 'not an address' } as const;
    const elsewhere = { severity: 'error', file: 'f', line: 3, message: 'bad' } as const;
    expect(preferPlaceholders([other, elsewhere], [placeholder])).toEqual([elsewhere, placeholder]);
  });
});
