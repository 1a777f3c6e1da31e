import { describe, expect, it } from 'vitest';
import { scheduledSendAt } from '../../src/issue/scheduled-send-at.js';

const firstWorkingDay = { sendDay: 'first-working-day' as const, sendTime: '09:00' };

describe('scheduledSendAt', () => {
  it.each([
    { id: '2027-03', text: '2027-03-01T09:00', utc: '2027-03-01T09:00:00.000Z', why: 'before the March change: GMT' },
    { id: '2027-04', text: '2027-04-01T09:00', utc: '2027-04-01T08:00:00.000Z', why: 'after the March change: BST' },
    { id: '2027-10', text: '2027-10-01T09:00', utc: '2027-10-01T08:00:00.000Z', why: 'before the October change: BST' },
    { id: '2026-11', text: '2026-11-02T09:00', utc: '2026-11-02T09:00:00.000Z', why: 'after the October change: GMT' },
    { id: '2027-01', text: '2027-01-05T09:00', utc: '2027-01-05T09:00:00.000Z', why: 'after the new year holidays' },
  ])('$id at 09:00 local ($why)', ({ id, text, utc }) => {
    const send = scheduledSendAt(id, firstWorkingDay, 'Europe/London');
    expect(send.text).toBe(text);
    expect(send.instant.toISOString()).toBe(utc);
  });

  it('uses a fixed day and time when configured', () => {
    const send = scheduledSendAt('2027-04', { sendDay: 3, sendTime: '07:30' }, 'Europe/London');
    expect(send).toEqual({ text: '2027-04-03T07:30', instant: new Date('2027-04-03T06:30:00Z') });
  });
});
