import { describe, expect, it } from 'vitest';
import { parseFormDate } from '../../src/submissions/parse-form-date.js';
import { parseFormTime } from '../../src/submissions/parse-form-time.js';

describe('parseFormDate', () => {
  it.each([
    ['21/01/2027', '2027-01-21'],
    ['1/2/2027', '2027-02-01'],
    ['2027-01-21', '2027-01-21'],
    ['2027-1-5', '2027-01-05'],
    ['21 January 2027', '2027-01-21'],
    ['Thursday, 21st Jan 2027', '2027-01-21'],
    ['21/01/2027 10:15:32', '2027-01-21'],
  ])('reads %s', (text, date) => {
    expect(parseFormDate({ text })).toEqual({ value: date });
  });

  it('reads an Excel date cell, and a date that lost its format (a day count)', () => {
    expect(parseFormDate({ text: 'x', date: new Date(Date.UTC(2027, 0, 21)) })).toEqual({ value: '2027-01-21' });
    expect(parseFormDate({ text: '46408', number: 46408 })).toEqual({ value: '2027-01-21' });
  });

  it.each(['31/02/2027', 'next Tuesday', '21-01-27', '2027-13-01', '46408.5'])('says %s is not a date', (text) => {
    expect(parseFormDate({ text })).toMatchObject({ error: `"${text}" is not a date`, hint: expect.stringContaining('21/01/2027') });
  });
});

describe('parseFormTime', () => {
  it.each([
    ['09:30', { time: '09:30' }],
    ['9.30am', { time: '09:30' }],
    ['2 pm', { time: '14:00' }],
    ['12:00 a.m.', { time: '00:00' }],
    ['10:00:00', { time: '10:00' }],
    ['10:00-12:30', { time: '10:00', endTime: '12:30' }],
    ['10am – 3.30pm', { time: '10:00', endTime: '15:30' }],
    ['2-4pm', { time: '14:00', endTime: '16:00' }],
    ['18:00 to 20:00', { time: '18:00', endTime: '20:00' }],
  ])('reads %s', (text, value) => {
    expect(parseFormTime({ text })).toEqual({ value });
  });

  it('reads an Excel time cell and a fraction of a day', () => {
    expect(parseFormTime({ text: '', date: new Date(Date.UTC(1899, 11, 30, 9, 30)) })).toEqual({ value: { time: '09:30' } });
    expect(parseFormTime({ text: '0.4375', number: 0.4375 })).toEqual({ value: { time: '10:30' } });
  });

  it.each(['morning', '10', '25:00', '13pm', '10:00-', '9:75'])('says %s is not a time', (text) => {
    expect(parseFormTime({ text })).toMatchObject({ error: `"${text}" is not a time of day` });
  });
});
