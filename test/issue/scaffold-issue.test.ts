import { describe, expect, it } from 'vitest';
import { nextSubject } from '../../src/issue/next-subject.js';
import { parseIssue } from '../../src/issue/parse-issue.js';
import { scaffoldIssue, type ScaffoldInput } from '../../src/issue/scaffold-issue.js';
import { issueSendAt } from '../../src/issue/send-time.js';
import { validateIssue } from '../../src/issue/validate-issue.js';
import type { Organisation } from '../../src/organisations/organisation.js';

const awkward: Organisation = {
  id: 'home-start',
  name: 'Home-Start: "Example" #1',
  description: 'Volunteers who **visit**\nfamilies at home.\n\n---\nMore.',
  areas: ['Glasgow'],
  services: [],
  referral: 'Self-referral: email us.',
  spotlight: true,
};

const input: ScaffoldInput = {
  id: '2027-01',
  month: 'January 2027',
  subject: 'Snippet: "January" #1 — 2027',
  sendAt: '2027-01-05T09:00',
  sendAtReason: 'the first working day at 09:00, Europe/London',
  spotlight: { organisation: awkward, lastFeatured: undefined },
  carried: {
    from: 'December 2026',
    training: [
      {
        title: 'Course: part 1',
        url: 'https://example.org/t',
        date: '2027-01-14',
        cost: '25',
        carriedFrom: '2026-12',
        organisation: 'home-start',
        summary: 'Line one: with a colon.\n\nA second paragraph, *emphasised*, that is long enough to be folded over more than one line of YAML.',
      },
    ],
    funding: [{ title: '#1 fund', url: 'https://example.org/f', deadline: '2027-02-01', amount: '£5,000', carriedFrom: '2026-11' }],
  },
  meeting: 'Thursday 11 February 2027, 10:00, Sample Hall, Glasgow',
};

describe('scaffoldIssue', () => {
  it('writes a draft that parses without problems and keeps every value', () => {
    const text = scaffoldIssue(input);
    const { issue, problems } = parseIssue(text, 'issues/2027-01.md', '2027-01');
    expect(problems).toEqual([]);
    expect(issue).toMatchObject({
      subject: input.subject,
      sendAtText: '2027-01-05T09:00',
      status: 'draft',
      spotlight: 'home-start',
      research: [],
      training: input.carried.training,
      funding: input.carried.funding,
      intro: '',
    });
    expect(issue?.spotlightNote).toBeUndefined();
    expect(issue?.meeting).toBeUndefined();
  });

  it('validates against the organisations with only the empty-section warning', () => {
    const { issue, lineOf } = parseIssue(scaffoldIssue(input), 'issues/2027-01.md', '2027-01');
    const problems = validateIssue(issue!, lineOf, {
      organisations: [awkward],
      timeZone: 'Europe/London',
      sendAt: issueSendAt(issue!, 'Europe/London', { sendDay: 'first-working-day', sendTime: '09:00' }),
    });
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', message: 'research: the section is empty and will be left out' })]);
  });

  it('shows the spotlight profile, the meeting switch and commented examples as comments', () => {
    const text = scaffoldIssue(input);
    expect(text).toMatch(/^# {3}Home-Start: "Example" #1 \(home-start\)$/mu);
    expect(text).toMatch(/^# {3}About: Volunteers who \*\*visit\*\* families at home\. --- More\.$/mu);
    expect(text).toMatch(/^# meeting: false$/mu);
    expect(text).toMatch(/^ {2}# - title: Title of the paper/mu);
    expect(text).toMatch(/^ {2}# Still open after the send date, carried forward from December 2026\.$/mu);
  });

  it('leaves the spotlight and the meeting switch out when there are none, and still parses', () => {
    const text = scaffoldIssue({ ...input, spotlight: undefined, meeting: undefined, carried: { from: '', training: [], funding: [] } });
    const { issue, problems } = parseIssue(text, 'issues/2027-01.md', '2027-01');
    expect(problems).toEqual([]);
    expect(issue).toMatchObject({ research: [], training: [], funding: [] });
    expect(issue?.spotlight).toBeUndefined();
    expect(text).not.toMatch(/meeting: false/u);
  });
});

describe('nextSubject', () => {
  it('follows the previous subject, swapping the month', () => {
    expect(nextSubject({ subject: 'GGC PMHN snippet — December 2026', month: 'December 2026' }, 'January 2027', 'GGC PMHN')).toBe(
      'GGC PMHN snippet — January 2027',
    );
  });

  it('falls back to the short name and the month', () => {
    expect(nextSubject({ subject: 'Our news', month: 'December 2026' }, 'January 2027', 'GGC PMHN')).toBe('GGC PMHN snippet — January 2027');
    expect(nextSubject(undefined, 'January 2027', 'TPN')).toBe('TPN snippet — January 2027');
  });
});
