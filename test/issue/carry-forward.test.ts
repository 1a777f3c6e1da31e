import { describe, expect, it } from 'vitest';
import { carryForward } from '../../src/issue/carry-forward.js';
import type { Issue, TrainingItem } from '../../src/issue/issue.js';
import { issue } from '../render/fixtures.js';

const url = 'https://example.org/x';
/** The issue items are carried forward from: only its sections matter. */
const previous = (overrides: Partial<Issue>): Issue => issue({ status: 'approved', ...overrides });
const training = (title: string, fields: Partial<TrainingItem>): TrainingItem => ({ title, url, ...fields });

describe('carryForward', () => {
  it.each([
    { title: 'date after the send date', fields: { date: '2027-01-14' }, left: undefined },
    { title: 'date on the send date', fields: { date: '2027-01-05' }, left: 'its date, 2027-01-05, is not after the send date' },
    { title: 'date before the send date', fields: { date: '2026-12-09' }, left: 'its date, 2026-12-09, is not after the send date' },
    { title: 'date before, deadline after', fields: { date: '2026-12-09', deadline: '2027-01-20' }, left: 'its date, 2026-12-09, is not after the send date' },
    { title: 'no date, booking deadline after', fields: { deadline: '2027-01-20' }, left: undefined },
    { title: 'no date, booking deadline on the send date', fields: { deadline: '2027-01-05' }, left: 'booking closes on 2027-01-05, the send date' },
    { title: 'no date, booking deadline before', fields: { deadline: '2027-01-04' }, left: 'booking closed on 2027-01-04' },
    { title: 'neither date nor deadline', fields: {}, left: 'it has no date or booking deadline' },
    { title: 'date after, but booking already closed', fields: { date: '2027-01-14', deadline: '2026-12-18' }, left: 'booking closed on 2026-12-18' },
    { title: 'date after, booking closes on the send date', fields: { date: '2027-01-14', deadline: '2027-01-05' }, left: undefined },
  ])('training: $title → left behind because: $left', ({ title, fields, left }) => {
    const result = carryForward(previous({ training: [training(title, fields)] }), '2027-01-05');
    expect(result.training.map((t) => t.title)).toEqual(left === undefined ? [title] : []);
    expect(result.left).toEqual(left === undefined ? [] : [{ section: 'training', title, reason: left }]);
  });

  it('carries funding whose deadline falls after the send date, and says why the rest stays', () => {
    const result = carryForward(
      previous({
        funding: [
          { title: 'Closed', url, deadline: '2026-12-10' },
          { title: 'Closes on the day', url, deadline: '2027-01-05' },
          { title: 'Open', url, deadline: '2027-01-15', funder: 'Trust', amount: '£500' },
        ],
      }),
      '2027-01-05',
    );
    expect(result.funding).toEqual([{ title: 'Open', url, deadline: '2027-01-15', funder: 'Trust', amount: '£500', carriedFrom: '2026-12' }]);
    expect(result.left).toEqual([
      { section: 'funding', title: 'Closed', reason: 'its deadline, 2026-12-10, is not after the send date' },
      { section: 'funding', title: 'Closes on the day', reason: 'its deadline, 2027-01-05, is not after the send date' },
    ]);
  });

  it('keeps the month an item was first published in', () => {
    const result = carryForward(previous({ funding: [{ title: 'Old', url, deadline: '2027-03-01', carriedFrom: '2026-10' }] }), '2027-01-05');
    expect(result.funding[0]?.carriedFrom).toBe('2026-10');
  });

  it('never carries research', () => {
    const result = carryForward(previous({ research: [{ title: 'Paper', url, published: '2026-11-01' }] }), '2027-01-05');
    expect(result).toEqual({ training: [], funding: [], left: [] });
  });
});
