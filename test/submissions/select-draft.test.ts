import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issue/issue.js';
import { selectDraft } from '../../src/submissions/select-draft.js';

const issue = (status: Issue['status']) => ({ status }) as Issue;
const entries = (list: Array<[string, Issue | undefined]>) => list.map(([id, value]) => ({ id, issue: value }));

describe('selectDraft', () => {
  it('takes the first draft after the latest approved issue, not a draft left behind before it', () => {
    const chosen = selectDraft(
      entries([
        ['2026-10', issue('draft')],
        ['2026-11', issue('approved')],
        ['2027-01', issue('draft')],
        ['2026-12', issue('draft')],
      ]),
      undefined,
    );
    expect(chosen.id).toBe('2026-12');
  });

  it('takes the earliest draft when nothing was approved yet', () => {
    expect(
      selectDraft(
        entries([
          ['2026-12', issue('draft')],
          ['2026-11', issue('draft')],
        ]),
        undefined,
      ).id,
    ).toBe('2026-11');
  });

  it('stops at a file with errors rather than skipping past it', () => {
    expect(
      selectDraft(
        entries([
          ['2026-11', issue('approved')],
          ['2026-12', undefined],
          ['2027-01', issue('draft')],
        ]),
        undefined,
      ).id,
    ).toBe('2026-12');
  });

  it('says to start the next issue when every issue is approved', () => {
    expect(() => selectDraft(entries([['2026-11', issue('approved')]]), undefined)).toThrow(/no draft after 2026-11/u);
  });

  it('returns a named issue whatever its status, and says when it does not exist', () => {
    expect(selectDraft(entries([['2026-11', issue('approved')]]), '2026-11').id).toBe('2026-11');
    expect(() => selectDraft(entries([['2026-11', issue('approved')]]), '2027-03')).toThrow('there is no issue 2027-03 (issues/2027-03.md does not exist)');
  });
});
