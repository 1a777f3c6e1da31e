import { describe, expect, it } from 'vitest';
import { parseIssue } from '../../src/issue/parse-issue.js';
import { issueSendAt } from '../../src/issue/send-time.js';
import { validateIssue } from '../../src/issue/validate-issue.js';
import type { Organisation } from '../../src/organisations/organisation.js';

const SCHEDULE = { sendDay: 'first-working-day', sendTime: '09:00' } as const;

const organisations: Organisation[] = [
  { id: 'aberlour', name: 'Aberlour', areas: [], services: [], spotlight: true },
  { id: 'home-start-glasgow-north', name: 'Home-Start Glasgow North', areas: [], services: [], spotlight: true },
  { id: 'addaction', name: 'Addaction', areas: [], services: [], spotlight: true },
  { id: 'barnardos-nurture', name: "Barnardo's Nurture", areas: [], services: [], spotlight: true },
];

function check(frontMatter: string, knownLists?: Set<string>) {
  const { issue, lineOf, problems } = parseIssue(`---\nsubject: S\nsend_at: 2026-12-01T09:00\n${frontMatter}---\n`, 'issues/2026-12.md', '2026-12');
  expect(problems).toEqual([]);
  return validateIssue(issue!, lineOf, {
    organisations,
    timeZone: 'Europe/London',
    sendAt: issueSendAt(issue!, 'Europe/London', SCHEDULE),
    ...(knownLists ? { knownLists } : {}),
  });
}

const research = 'research:\n  - title: R\n    url: https://example.org/r\n';
const training = 'training:\n  - title: T\n    url: https://example.org/t\n    date: 2026-12-09\n';
const funding = 'funding:\n  - title: F\n    url: https://example.org/f\n    deadline: 2026-12-20\n';
const full = research + training + funding;

describe('validateIssue', () => {
  it('passes a good issue', () => {
    expect(check(full)).toEqual([]);
  });

  it('rejects an unknown spotlight id, suggesting close ones', () => {
    expect(check(`spotlight: home-start\n${full}`)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 4,
        message: 'spotlight: no organisation has the id "home-start"',
        hint: expect.stringContaining('home-start-glasgow-north'),
      }),
    ]);
  });

  it('spotlight: Addaction asks "did you mean addaction?" (a name where an id is expected)', () => {
    expect(check(`spotlight: Addaction\n${full}`)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 4,
        message: 'spotlight: no organisation has the id "Addaction"',
        hint: 'Did you mean "addaction"? Write the id, as in contacts/organisations.yaml.',
      }),
    ]);
  });

  it('suggests the id of an organisation written by its name or misspelt', () => {
    const byName = check(`${research}    organisation: Barnardo's Nurture\n${training}${funding}`);
    expect(byName).toEqual([
      expect.objectContaining({
        line: 7,
        message: 'research item 1, organisation: no organisation has the id "Barnardo\'s Nurture"',
        hint: expect.stringMatching(/^Did you mean "barnardos-nurture"\?/u),
      }),
    ]);
    const misspelt = check(`spotlight: home-start-glasgow-nroth\n${full}`);
    expect(misspelt).toEqual([expect.objectContaining({ hint: expect.stringMatching(/^Did you mean "home-start-glasgow-north"\?/u) })]);
  });

  it('warns about a subject longer than a phone shows', () => {
    const subject = 'GGC PMHN snippet — December 2026: fathers, peer support and three funding calls closing soon';
    const { issue, lineOf } = parseIssue(`---\nsubject: "${subject}"\nsend_at: 2026-12-01T09:00\n${full}---\n`, 'issues/2026-12.md', '2026-12');
    const problems = validateIssue(issue!, lineOf, { organisations, timeZone: 'Europe/London', sendAt: issueSendAt(issue!, 'Europe/London', SCHEDULE) });
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', line: 2, message: `subject: ${[...subject].length} characters; a phone shows about the first 60 to 70` }),
    ]);
    expect(check(full)).toEqual([]);
  });

  it('rejects an unknown item organisation', () => {
    const problems = check(`${research}    organisation: nobody\n${training}${funding}`);
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', line: 7 })]);
  });

  it('news from members: an unknown organisation and a long summary, as in every other section', () => {
    const problems = check(`${full}news:\n  - title: N\n    organisation: nobody\n  - title: M\n    summary: ${'word '.repeat(150)}\n`);
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', line: 17, message: 'news item 1, organisation: no organisation has the id "nobody"' }),
      expect.objectContaining({ severity: 'warning', line: 19, message: expect.stringMatching(/^news item 2, summary: \d+ characters is long/u) }),
    ]);
  });

  it('rejects a funding deadline before the send date', () => {
    const problems = check(research + training + 'funding:\n  - title: F\n    url: https://example.org/f\n    deadline: 2026-11-30\n');
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', line: 14, message: 'funding item 1, deadline: 2026-11-30 is before the send date 2026-12-01' }),
    ]);
  });

  it('accepts a funding deadline on the send date', () => {
    expect(check(research + training + 'funding:\n  - title: F\n    url: https://example.org/f\n    deadline: 2026-12-01\n')).toEqual([]);
  });

  it('warns about an empty section', () => {
    expect(check(research + funding)).toEqual([
      expect.objectContaining({ severity: 'warning', message: 'training: the section is empty and will be left out' }),
    ]);
  });

  it('warns about a training date already past at send time', () => {
    const problems = check(research + 'training:\n  - title: T\n    url: https://example.org/t\n    date: 2026-11-28\n' + funding);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', line: 10, message: expect.stringContaining('has already passed') })]);
  });

  it('rejects a course that ends before it starts: an end date before its date, an end time before its time', () => {
    const courses =
      'training:\n  - title: T\n    url: https://example.org/t\n    date: 2026-12-09\n    time: "10:00"\n    end_time: "08:00"\n' +
      '  - title: U\n    url: https://example.org/u\n    date: 2026-12-09\n    end_date: 2026-01-01\n' +
      '  - title: V\n    url: https://example.org/v\n    date: 2026-12-09\n    time: "10:00"\n    end_date: 2026-12-10\n    end_time: "08:00"\n';
    expect(check(research + courses + funding)).toEqual([
      expect.objectContaining({ severity: 'error', line: 12, message: 'training item 1, end_time: 08:00 is not after the time 10:00' }),
      expect.objectContaining({ severity: 'error', line: 16, message: 'training item 2, end_date: 2026-01-01 is before the date 2026-12-09' }),
    ]);
  });

  it('warns of a time, end date or end time the email leaves out for want of the date or time it belongs to', () => {
    const courses =
      'training:\n  - title: T\n    url: https://example.org/t\n    time: "10:00"\n    end_date: 2026-12-10\n' +
      '  - title: U\n    url: https://example.org/u\n    date: 2026-12-09\n    end_time: "12:00"\n';
    expect(check(research + courses + funding)).toEqual([
      expect.objectContaining({ severity: 'warning', line: 10, message: 'training item 1, time: "10:00" is left out of the email: the item has no date' }),
      expect.objectContaining({
        severity: 'warning',
        line: 11,
        message: 'training item 1, end_date: 2026-12-10 is left out of the email: the item has no date',
      }),
      expect.objectContaining({ severity: 'warning', line: 15, message: 'training item 2, end_time: "12:00" is left out of the email: the item has no time' }),
    ]);
  });

  it('warns about a very long summary', () => {
    const problems = check(`${research}    summary: ${'word '.repeat(150)}\n${training}${funding}`);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', line: 7, message: expect.stringMatching(/summary: \d+ characters is long/) })]);
  });

  it('rejects an empty lists:, which would send the issue to nobody', () => {
    const problems = check(`lists: []\n${full}`, new Set(['members']));
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', line: 4, message: 'lists: is empty, so the issue would go to nobody' })]);
  });

  it('rejects a list nobody is in', () => {
    const problems = check(`lists: [members, typo]\n${full}`, new Set(['members', 'managers']));
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', line: 4, message: 'lists: no member is in a list called "typo"' })]);
  });

  it('compares deadlines in the workspace time zone', () => {
    // 00:30 on 1 December in London is still 30 November in New York.
    const { issue, lineOf } = parseIssue(
      `---\nsubject: S\nsend_at: 2026-12-01T00:30Z\n${research}${training}funding:\n  - title: F\n    url: https://example.org/f\n    deadline: 2026-11-30\n---\n`,
      'issues/2026-12.md',
      '2026-12',
    );
    for (const [timeZone, problems] of [
      ['America/New_York', 0],
      ['Europe/London', 1],
    ] as const) {
      expect(validateIssue(issue!, lineOf, { organisations, timeZone, sendAt: issueSendAt(issue!, timeZone, SCHEDULE) })).toHaveLength(problems);
    }
  });
});
