import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';

const FILE = 'snippet.config.yaml';
const good = `network:
  name: Example Perinatal Network
  short_name: EPN
from: Example Network <snippet@example.org>
reply_to: coordinator@example.org
footer:
  postal_address: 1 Example Street
  endorsement: Membership is not an endorsement.
unsubscribe:
  mailto: unsubscribe@example.org
  url: https://example.org/unsubscribe
sending:
  rate: [30/minute, 10000/day]
  connections: 3
`;

describe('parseConfig', () => {
  it('reads a good config with defaults', () => {
    const { config, problems } = parseConfig(good, FILE);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      network: { name: 'Example Perinatal Network', shortName: 'EPN' },
      from: { name: 'Example Network', address: 'snippet@example.org' },
      replyTo: { address: 'coordinator@example.org' },
      timeZone: 'Europe/London',
      language: 'en-GB',
      sending: { rates: [{ count: 30, unit: 'minute' }, { count: 10000, unit: 'day' }], connections: 3 },
    });
  });

  it('rejects a bad sender address with its line', () => {
    const { config, problems } = parseConfig(good.replace('snippet@example.org', 'snippet-at-example'), FILE);
    expect(config).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ line: 4, message: expect.stringMatching(/^from: must be an email address/) })]);
  });

  it('rejects unknown keys, suggesting the intended one', () => {
    const { problems } = parseConfig(`${good}timezone: Europe/London\n`, FILE);
    expect(problems).toEqual([expect.objectContaining({ line: 15, message: 'unknown field "timezone"', hint: 'Did you mean "time_zone"?' })]);
  });

  it('rejects an unknown time zone, a malformed rate and an http unsubscribe url together', () => {
    const text = good
      .replace('unsubscribe:\n  mailto', 'time_zone: Europe/Glasgow\nunsubscribe:\n  mailto')
      .replace('https://example.org/unsubscribe', 'http://example.org/unsubscribe')
      .replace('30/minute', '30 a minute');
    const { problems } = parseConfig(text, FILE);
    expect(problems.map((p) => p.line)).toEqual([9, 12, 14]);
  });

  it('requires the footer with the no-endorsement line', () => {
    const { problems } = parseConfig(good.replace('  endorsement: Membership is not an endorsement.\n', ''), FILE);
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/^footer, endorsement: is required/) })]);
  });
});

describe('parseConfig: schedule, spotlight and meetings', () => {
  it('defaults to the first working day at 09:00, a 12-month repeat window and no meetings', () => {
    expect(parseConfig(good, FILE).config).toMatchObject({
      schedule: { sendDay: 'first-working-day', sendTime: '09:00' },
      spotlight: { repeatMonths: 12 },
      meetings: [],
    });
  });

  it('reads a fixed send day, a time and meetings, sorted by date', () => {
    const text = `${good}schedule:\n  send_day: 3\n  send_time: 7:30\nspotlight:\n  repeat_months: 18\nmeetings:\n  - date: 2027-05-13\n    venue: Room 2\n  - date: 2027-02-11\n    time: "10:00"\n    venue: Room 1\n    details: Bring **updates**.\n`;
    const { config, problems } = parseConfig(text, FILE);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      schedule: { sendDay: 3, sendTime: '07:30' },
      spotlight: { repeatMonths: 18 },
      meetings: [
        { date: '2027-02-11', time: '10:00', venue: 'Room 1', details: 'Bring **updates**.' },
        { date: '2027-05-13', venue: 'Room 2' },
      ],
    });
  });

  it('reports every bad schedule and meeting field with its line', () => {
    const text = `${good}schedule:\n  send_day: 31\n  send_time: 25:00\nspotlight:\n  repeat_months: 0\nmeetings:\n  - date: 2027-02-30\n    venue: Room 1\n  - date: 2027-03-01\n    tme: "10:00"\n    venue: Room 1\n`;
    const { config, problems } = parseConfig(text, FILE);
    expect(config).toBeUndefined();
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '16: schedule, send_day: must be first-working-day or a day of the month from 1 to 28',
      '17: schedule, send_time: must be a time of day written HH:MM, e.g. "09:00"',
      '19: spotlight, repeat_months: must be at least 1',
      '21: meetings item 1, date: must be a date written YYYY-MM-DD, e.g. 2027-02-11',
      '24: meetings item 2: unknown field "tme"',
    ]);
  });
});
