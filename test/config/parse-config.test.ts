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
