/* eslint-disable no-control-regex -- these tests look for control characters */
import { XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { parseIssue } from '../../src/issue/parse-issue.js';
import { buildIssueView } from '../../src/render/build-issue-view.js';
import { feeds } from '../../src/site/feeds.js';
import { eventCalendar } from '../../src/site/event-calendar.js';
import type { SiteInput } from '../../src/site/site-input.js';
import { sitemap } from '../../src/site/sitemap.js';

const config = parseConfig(
  `network:\n  name: Test Network\n  short_name: TN\nfrom: TN <tn@example.org>\nfooter:\n  postal_address: 1 Street\n  endorsement: Not an endorsement.\nunsubscribe:\n  mailto: u@example.org\nsite:\n  url: https://example.org/tn/\n`,
  'snippet.config.yaml',
).config!;

/** A published issue whose texts hold what Word pastes: a vertical tab (line break) and a form feed (page break). */
function input(): SiteInput {
  const issue = parseIssue(`---\nsubject: Winter\nstatus: approved\nsend_at: 2026-01-05T09:00\n---\nIntro.\n`, 'issues/2026-01.md', '2026-01').issue!;
  const sendAt = new Date('2026-01-05T09:00:00Z');
  const view = buildIssueView({ issue, config, organisations: [], sendAt }).view;
  return {
    network: { ...config.network, name: 'Test\u000bNetwork' },
    footer: config.footer,
    language: 'en-GB',
    timeZone: 'Europe/London',
    site: config.site!,
    unsubscribeMailto: 'u@example.org',
    networkAddress: 'tn@example.org',
    meetings: [],
    defaultEventLengthMs: 7_200_000,
    areas: [],
    synonyms: {},
    organisations: [],
    now: new Date('2026-02-01T00:00:00Z'),
    issues: [{ id: '2026-01', sendAt, issue, view: { ...view, subject: 'Winter\u000bissue', preheader: 'Research,\u000cfunding\u001b[31m and more' } }],
  };
}

describe('XML and iCalendar writers', () => {
  it('write feeds that are well-formed XML whatever the texts hold (regression: a vertical tab made feed.xml and rss.xml invalid)', () => {
    const { atom, rss } = feeds(input(), new Set());
    for (const xml of [atom, rss]) {
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/u);
    }
    expect(atom).toContain('Winterissue');
  });

  it('write a sitemap that is well-formed XML', () => {
    const xml = sitemap('https://example.org/tn/', ['issues/2026-01/', 'a\u000cb/']);
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('never put a bare CR or another control character into an .ics (regression: a CR in a venue went in raw)', () => {
    const ics = eventCalendar(
      {
        uid: 'meeting-2027-01-20@example.org',
        date: '2027-01-20',
        time: '10:00',
        summary: 'TN network meeting',
        location: 'Room 1\rFloor 2\u000bBack door',
        description: 'Bring\u001b[2J a pen',
        url: 'https://example.org/tn/',
      },
      { shortName: 'TN', timeZone: 'Europe/London', now: new Date('2026-12-01T00:00:00Z'), defaultLengthMs: 2 * 60 * 60 * 1000 },
    );
    // Every CR ends a line (CRLF); nothing else below U+0020 but those line ends.
    expect(ics.replace(/\r\n/gu, '')).not.toMatch(/[\u0000-\u001f\u007f]/u);
    const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('location')).toBe('Room 1\nFloor 2Back door');
    expect(event.getFirstPropertyValue('description')).toBe('Bring[2J a pen');
  });
});
