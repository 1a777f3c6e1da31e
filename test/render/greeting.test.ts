import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { readMembers } from '../../src/contacts/parse-members.js';
import { personalise } from '../../src/render/personalise.js';
import { MINIMAL_CONFIG_YAML, render } from './fixtures.js';

const unsubscribeUrl = 'https://example.org/u';
const CONFIG = MINIMAL_CONFIG_YAML;

describe('the greeting', () => {
  it('greeting uses the whole name: uses greeting_name ("Anna") instead of "Hello Dr Anna Kowalska,"', async () => {
    const rendered = await render();
    const parts = personalise(rendered, { name: 'Dr Anna Kowalska', greetingName: 'Anna', email: 'anna@example.org', unsubscribeUrl });
    expect(parts.text).toMatch(/^Dear Anna,$/mu);
    expect(parts.html).toContain('Dear Anna,');
    expect(parts.text).not.toContain('Dr Anna Kowalska,');
  });

  it('never guesses a first name: "Dear colleague," by default', async () => {
    const parts = personalise(await render(), { name: 'Dr Anna Kowalska', email: 'anna@example.org', unsubscribeUrl });
    expect(parts.text).toMatch(/^Dear colleague,$/mu);
    expect(parts.html).not.toContain('Anna');
  });

  it('uses the full name when the network chooses greeting: full-name, and "Dear colleague," without one', async () => {
    const rendered = await render();
    expect(personalise(rendered, { name: 'Dr Anna Kowalska', email: 'a@example.org', unsubscribeUrl }, 'full-name').text).toMatch(/^Dear Dr Anna Kowalska,$/mu);
    expect(personalise(rendered, { email: 'a@example.org', unsubscribeUrl }, 'full-name').text).toMatch(/^Dear colleague,$/mu);
    expect(personalise(rendered, { name: 'Dr Anna Kowalska', greetingName: 'Anna', email: 'a@example.org', unsubscribeUrl }, 'full-name').text).toMatch(
      /^Dear Anna,$/mu,
    );
  });

  it('turns control characters pasted into a greeting_name into spaces', async () => {
    const { text } = personalise(await render(), { greetingName: 'Anna\u001b[31m\u0000 K', email: 'a@example.org', unsubscribeUrl });
    expect(text).toMatch(/^Dear Anna \[31m K,$/mu);
  });

  it('wraps a very long greeting in the text part at 78 columns', async () => {
    const name = 'Professor Siobhán Ní Bhriain-MacGillivray of the North West Health Visiting Team';
    const { text } = personalise(await render(), { name, email: 'a@example.org', unsubscribeUrl }, 'full-name');
    for (const line of text.split('\n')) if (!/^\S+$/u.test(line)) expect(line.length).toBeLessThanOrEqual(78);
    expect(text.replace(/\s+/gu, ' ')).toContain(`Dear ${name},`);
  });
});

describe('greeting_name in members.csv and greeting in the config', () => {
  it('reads the greeting_name column', () => {
    const { members, problems } = readMembers(
      'email,name,greeting_name\nanna@example.org,Dr Anna Kowalska,Anna\nb@example.org,Bob Example,\n',
      'contacts/members.csv',
    );
    expect(problems).toEqual([]);
    expect(members.map((m) => m.greetingName)).toEqual(['Anna', undefined]);
  });

  it('reads greeting: colleague (the default) or full-name, and names a wrong value with its line', () => {
    expect(parseConfig(CONFIG, 'c.yaml').config?.greeting).toBe('colleague');
    expect(parseConfig(`${CONFIG}greeting: full-name\n`, 'c.yaml').config?.greeting).toBe('full-name');
    const { problems } = parseConfig(`${CONFIG}greeting: first-name\n`, 'c.yaml');
    expect(problems).toEqual([expect.objectContaining({ line: 9, message: expect.stringContaining('colleague') })]);
  });
});
