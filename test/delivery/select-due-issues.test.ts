import { describe, expect, it } from 'vitest';
import { consideredIssues, selectDueIssues, type IssueTiming } from '../../src/delivery/select-due-issues.js';

const DAY = 86_400_000;
const at = (text: string): Date => new Date(text);
const issue = (id: string, status: IssueTiming['status'], sendAt: string): IssueTiming => ({ id, status, sendAt: at(sendAt) });
const select = (issues: IssueTiming[], now: string, options: { remaining?: Array<[string, number]>; includeStale?: boolean } = {}) =>
  selectDueIssues({
    issues,
    remaining: new Map(options.remaining ?? []),
    now: at(now).getTime(),
    staleAfterMs: 7 * DAY,
    includeStale: options.includeStale ?? false,
  });
const ids = (list: IssueTiming[]): string[] => list.map((i) => i.id);

describe('selectDueIssues', () => {
  const year = [
    issue('2026-11', 'approved', '2026-11-02T09:00Z'),
    issue('2026-12', 'approved', '2026-12-01T09:00Z'),
    issue('2027-01', 'draft', '2027-01-05T09:00Z'),
  ];

  it('is due once its time has passed, and not a minute before', () => {
    const before = select(year, '2026-12-01T08:59Z', { remaining: [['2026-11', 0]] });
    expect(ids(before.due)).toEqual([]);
    expect(before.next?.id).toBe('2026-12');
    expect(ids(select(year, '2026-12-01T09:00Z').due)).toEqual(['2026-12']);
  });

  it('leaves an issue alone once nobody is left to send to', () => {
    const result = select(year, '2026-12-01T10:00Z', { remaining: [['2026-12', 0]] });
    expect(result).toMatchObject({ due: [], drafts: [], stale: [], unreadable: [] });
  });

  it('passes over a stale issue that a later one has followed, without a warning', () => {
    const result = select(year, '2026-12-02T09:00Z', {
      remaining: [
        ['2026-11', 40],
        ['2026-12', 40],
      ],
    });
    expect(ids(result.due)).toEqual(['2026-12']);
    expect(ids(result.stale)).toEqual([]);
  });

  it('sends every due issue that is not stale, oldest first', () => {
    const close = [issue('2026-12', 'approved', '2026-12-01T09:00Z'), issue('2027-01', 'approved', '2026-12-05T09:00Z')];
    const result = select(close, '2026-12-06T09:00Z', {
      remaining: [
        ['2026-12', 3],
        ['2027-01', 40],
      ],
    });
    expect(ids(result.due)).toEqual(['2026-12', '2027-01']);
  });

  it('never sends a draft, and warns about it only while it is the latest', () => {
    const result = select(year, '2027-01-05T10:00Z');
    expect(ids(result.due)).toEqual([]);
    expect(ids(result.drafts)).toEqual(['2027-01']);
  });

  it('holds back an approved issue more than the stale limit past its time, unless told', () => {
    const now = new Date(at('2026-12-01T09:00Z').getTime() + 7 * DAY + 60_000).toISOString();
    expect(ids(select(year.slice(0, 2), now).stale)).toEqual(['2026-12']);
    expect(ids(select(year.slice(0, 2), now).due)).toEqual([]);
    expect(ids(select(year.slice(0, 2), now, { includeStale: true }).due)).toEqual(['2026-12']);
    expect(ids(select(year.slice(0, 2), '2026-12-08T09:00Z').due)).toEqual(['2026-12']);
  });

  it('is due at exactly its send time, to the millisecond, and not one millisecond before', () => {
    const sendAt = at('2026-12-01T09:00Z').getTime();
    const exactly = selectDueIssues({ issues: year.slice(1, 2), remaining: new Map(), now: sendAt, staleAfterMs: 7 * DAY, includeStale: false });
    expect(ids(exactly.due)).toEqual(['2026-12']);
    expect(exactly.next).toBeUndefined();
    const before = selectDueIssues({ issues: year.slice(1, 2), remaining: new Map(), now: sendAt - 1, staleAfterMs: 7 * DAY, includeStale: false });
    expect(ids(before.due)).toEqual([]);
    expect(before.next?.id).toBe('2026-12');
  });

  it('is still due at exactly the stale limit, and stale one millisecond after', () => {
    const limit = at('2026-12-01T09:00Z').getTime() + 7 * DAY;
    const input = { issues: year.slice(0, 2), remaining: new Map([['2026-11', 5]]), staleAfterMs: 7 * DAY, includeStale: false };
    const exactly = selectDueIssues({ ...input, now: limit });
    expect(ids(exactly.due)).toEqual(['2026-12']);
    expect(ids(exactly.stale)).toEqual([]);
    const after = selectDueIssues({ ...input, now: limit + 1 });
    expect(ids(after.due)).toEqual([]);
    expect(ids(after.stale)).toEqual(['2026-12']);
  });

  it('still considers an earlier issue at exactly the stale limit, though a later one has passed', () => {
    const issues = [issue('2026-11', 'approved', '2026-11-25T09:00Z'), issue('2026-12', 'approved', '2026-12-01T09:00Z')];
    const limit = at('2026-11-25T09:00Z').getTime() + 7 * DAY;
    expect(ids(consideredIssues({ issues, now: limit, staleAfterMs: 7 * DAY }))).toEqual(['2026-11', '2026-12']);
    expect(ids(consideredIssues({ issues, now: limit + 1, staleAfterMs: 7 * DAY }))).toEqual(['2026-12']);
    expect(ids(selectDueIssues({ issues, remaining: new Map(), now: limit, staleAfterMs: 7 * DAY, includeStale: false }).due)).toEqual(['2026-11', '2026-12']);
  });

  it('reports a file with errors whose time has passed, since it cannot tell whether it is due', () => {
    const broken = [issue('2026-11', 'approved', '2026-11-02T09:00Z'), issue('2026-12', undefined, '2026-12-01T09:00Z')];
    expect(ids(select(broken, '2026-12-01T10:00Z').unreadable)).toEqual(['2026-12']);
    expect(ids(select(broken, '2026-11-30T10:00Z').unreadable)).toEqual([]);
    expect(ids(select(broken, '2026-12-20T10:00Z').unreadable)).toEqual([]);
  });
});
