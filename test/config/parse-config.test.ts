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
      sending: {
        rates: [
          { count: 30, unit: 'minute' },
          { count: 10000, unit: 'day' },
        ],
        connections: 3,
      },
    });
  });

  it('rejects a bad sender address with its line', () => {
    const { config, problems } = parseConfig(good.replace('snippet@example.org', 'snippet-at-example'), FILE);
    expect(config).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ line: 4, message: expect.stringMatching(/^from: must be an email address/) })]);
  });

  it('asks for a whole number where a fraction was written, in plain words', () => {
    const { problems } = parseConfig(good.replace('connections: 3', 'connections: 2.5'), FILE);
    expect(problems).toEqual([expect.objectContaining({ line: 14, message: 'sending, connections: must be a whole number, not 2.5' })]);
  });

  it("rejects a web address that no browser can open, as an issue's url is", () => {
    const { problems } = parseConfig(good.replace('  short_name: EPN\n', '  short_name: EPN\n  website: https://[oops\n'), FILE);
    expect(problems).toEqual([expect.objectContaining({ line: 4, message: 'network, website: must be an http:// or https:// address' })]);
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

describe('parseConfig: sending for cron and Microsoft 365', () => {
  const base = good.replace(/sending:\n[\s\S]*$/u, '');

  it("takes the microsoft-365 preset's limits, and explicit values over them", () => {
    expect(parseConfig(`${base}sending:\n  preset: microsoft-365\n`, FILE).config?.sending).toMatchObject({
      rates: [
        { count: 30, unit: 'minute' },
        { count: 10000, unit: 'day' },
      ],
      connections: 3,
      staleAfterMs: 7 * 86_400_000,
    });
    expect(
      parseConfig(`${base}sending:\n  preset: microsoft-365\n  connections: 2\n  rate: [20/minute]\n  stale_after: 3d\n`, FILE).config?.sending,
    ).toMatchObject({ rates: [{ count: 20, unit: 'minute' }], connections: 2, staleAfterMs: 3 * 86_400_000 });
    expect(parseConfig(base, FILE).config?.sending).toMatchObject({ rates: [], connections: 1 });
    expect(parseConfig(`${base}sending:\n  preset: gmail\n`, FILE).problems).toEqual([
      expect.objectContaining({ line: 13, message: 'sending, preset: must be one of: microsoft-365' }),
    ]);
  });

  it('reads report_to and OAuth2 sign-in from a command or client credentials', () => {
    const command = parseConfig(
      `${base}report_to: Coordinator <c@example.org>\nsmtp:\n  oauth2:\n    token_command: get-token --mailbox snippet\n`,
      FILE,
    ).config!;
    expect(command.reportTo).toEqual({ name: 'Coordinator', address: 'c@example.org' });
    expect(command.smtp.oauth2).toEqual({ source: 'command', command: 'get-token --mailbox snippet' });
    const client = parseConfig(`${base}smtp:\n  oauth2:\n    tenant_id: 1111-2222\n    client_id: app\n`, FILE).config!;
    expect(client.smtp.oauth2).toEqual({
      source: 'client-credentials',
      tenantId: '1111-2222',
      clientId: 'app',
      scope: 'https://outlook.office365.com/.default',
      tokenUrl: 'https://login.microsoftonline.com/1111-2222/oauth2/v2.0/token',
    });
  });

  it('rejects OAuth2 settings that are ambiguous, incomplete or would send the secret in the clear', () => {
    const problems = (oauth2: string) => parseConfig(`${base}smtp:\n  oauth2:\n${oauth2}`, FILE).problems.map((p) => p.message);
    expect(problems('    token_command: x\n    tenant_id: t\n    client_id: c\n')).toEqual([
      expect.stringMatching(/either token_command, or tenant_id and client_id/u),
    ]);
    expect(problems('    tenant_id: t\n')).toEqual([expect.stringMatching(/need both tenant_id and client_id/u)]);
    expect(problems('    tenant_id: t\n    client_id: c\n    token_url: http://login.example.org/token\n')).toEqual([
      expect.stringMatching(/token_url: must be an https:\/\/ address/u),
    ]);
    expect(problems('    tenant_id: t\n    client_id: c\n    token_url: http://127.0.0.1:8080/token\n')).toEqual([]);
    expect(problems('    client_secret: hunter2\n    tenant_id: t\n    client_id: c\n')).toEqual([expect.stringMatching(/unknown field "client_secret"/u)]);
  });

  it('bounds durations, since longer timers would fire at once', () => {
    const { problems } = parseConfig(good.replace('  connections: 3\n', '  connections: 3\n  retry_delay: 12h\n  max_wait: 30d\n'), FILE);
    expect(problems.map((p) => p.message)).toEqual(['sending, retry_delay: must be at most 1h', 'sending, max_wait: must be at most 24h']);
  });
});

describe('parseConfig: the website, the coordinator, submissions and the meeting window', () => {
  const base = [
    'network:',
    '  name: Example Network',
    'from: Example <snippet@example.org>',
    'footer:',
    '  postal_address: 1 Example Street',
    '  endorsement: Not an endorsement.',
    'unsubscribe:',
    '  mailto: unsubscribe@example.org',
  ];

  it('reads site, coordinator, submissions and meetings with show_within', () => {
    const source = [
      ...base,
      'site:',
      '  url: https://example.org/snippet',
      '  join_email: join@example.org',
      'coordinator:',
      '  name: Morag Example',
      '  email: morag@example.org',
      'submissions:',
      '  form_url: https://forms.example.org/x',
      '  columns:',
      '    Title: Name of the course',
      'meetings:',
      '  show_within: 6 weeks',
      '  dates:',
      '    - date: 2027-02-11',
      '      time: "10:00"',
      '      link: https://meet.example.org/pmhn',
    ].join('\n');
    const { config, problems } = parseConfig(source, 'snippet.config.yaml');
    expect(problems).toEqual([]);
    expect(config?.site).toEqual({ url: 'https://example.org/snippet/', private: false, joinEmail: 'join@example.org' });
    expect(config?.coordinator).toEqual({ name: 'Morag Example', email: 'morag@example.org' });
    expect(config?.submissions).toEqual({ formUrl: 'https://forms.example.org/x', deadlineDays: 7, columns: { Title: 'Name of the course' } });
    expect(config?.meetingsShowWithin).toEqual({ count: 42, unit: 'day' });
    expect(config?.meetings).toEqual([{ date: '2027-02-11', time: '10:00', link: 'https://meet.example.org/pmhn' }]);
  });

  it('keeps the plain list of meetings, with four months by default', () => {
    const { config, problems } = parseConfig([...base, 'meetings:', '  - date: 2027-02-11', '    venue: Glasgow'].join('\n'), 'snippet.config.yaml');
    expect(problems).toEqual([]);
    expect(config?.meetingsShowWithin).toEqual({ count: 4, unit: 'month' });
    expect(config?.meetings).toEqual([{ date: '2027-02-11', venue: 'Glasgow' }]);
  });

  it('refuses a meeting with neither a venue nor a link, and a show_within that is not a period', () => {
    const { problems } = parseConfig([...base, 'meetings:', '  show_within: soon', '  dates:', '    - date: 2027-02-11'].join('\n'), 'snippet.config.yaml');
    expect(problems.map((p) => p.message).join('\n')).toMatch(/period|venue/u);
  });
});
