import { describe, expect, it } from 'vitest';
import { carryForward } from '../../src/issue/carry-forward.js';
import type { Issue } from '../../src/issue/issue.js';
import { parseIssue } from '../../src/issue/parse-issue.js';
import { scaffoldIssue, type ScaffoldInput } from '../../src/issue/scaffold-issue.js';
import { issue } from '../render/fixtures.js';

const url = 'https://example.org/x';
/** The issue items are carried forward from: only its sections matter. */
const previous = (overrides: Partial<Issue>): Issue => issue({ status: 'approved', ...overrides });
const months: Record<string, string> = { '2026-10': 'October 2026', '2026-11': 'November 2026', '2026-12': 'December 2026' };

const scaffold = (carried: Pick<ScaffoldInput['carried'], 'training' | 'funding'>): string =>
  scaffoldIssue({
    id: '2027-01',
    month: 'January 2027',
    subject: 'Snippet January 2027',
    sendAt: '2027-01-05T09:00',
    sendAtReason: 'the first working day at 09:00, Europe/London',
    spotlight: undefined,
    carried: { from: 'December 2026', ...carried },
    meeting: undefined,
    monthName: (id) => months[id] ?? id,
  });

describe('snippet new and rolling funds', () => {
  it('carries a rolling fund every month, keeping the month it was first shared in', () => {
    const once = carryForward(previous({ funding: [{ title: 'Always open', url, deadline: 'rolling' }] }), '2027-01-05');
    expect(once.funding).toEqual([{ title: 'Always open', url, deadline: 'rolling', carriedFrom: '2026-12' }]);
    const twice = carryForward(previous({ id: '2027-01', funding: once.funding }), '2027-02-01');
    expect(twice.funding[0]?.carriedFrom).toBe('2026-12');
    expect(twice.left).toEqual([]);
  });

  it('writes a carried rolling fund with "first shared in …" and deadline: rolling', () => {
    const text = scaffold({ training: [], funding: [{ title: 'Always open', url, deadline: 'rolling', carriedFrom: '2026-10' }] });
    expect(text).toContain('  # Open all year (rolling): first shared in October 2026. Remove it when it closes.\n  - title: Always open');
    const { issue, problems } = parseIssue(text, 'issues/2027-01.md', '2027-01');
    expect(problems).toEqual([]);
    expect(issue?.funding).toEqual([{ title: 'Always open', url, deadline: 'rolling', carriedFrom: '2026-10' }]);
  });

  it('a carried course with a time and an end date was written with keys the issue file does not know: they keep their names', () => {
    const course = {
      title: 'Two days',
      url,
      date: '2027-01-14',
      time: '09:30',
      endDate: '2027-01-15',
      endTime: '16:30',
      deadline: '2027-01-10',
      carriedFrom: '2026-12',
    };
    const text = scaffold({ training: [course], funding: [] });
    expect(text).toContain('end_date: 2027-01-15');
    expect(text).toContain('end_time: 16:30');
    const { issue, problems } = parseIssue(text, 'issues/2027-01.md', '2027-01');
    expect(problems).toEqual([]);
    expect(issue?.training).toEqual([course]);
  });
});
