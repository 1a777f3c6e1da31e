import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { parseIssue } from '../../src/issue/parse-issue.js';
import { buildIssueView } from '../../src/render/build-issue-view.js';
import { issueContent } from '../../src/site/issue-content.js';
import type { SiteIssue } from '../../src/site/site-input.js';

const CONFIG = `network:\n  name: Test Network\n  short_name: TN\nfrom: TN <tn@example.org>\nfooter:\n  postal_address: 1 Street\n  endorsement: Not an endorsement.\nunsubscribe:\n  mailto: u@example.org\nsite:\n  url: https://example.org/tn/\n`;

function siteIssue(front: string, configExtra = ''): SiteIssue {
  const config = parseConfig(CONFIG + configExtra, 'snippet.config.yaml').config!;
  const parsed = parseIssue(`---\nsubject: Test snippet\nstatus: approved\nsend_at: 2026-01-05T09:00\n${front}---\nIntro.\n`, 'issues/2026-01.md', '2026-01');
  const issue = parsed.issue!;
  const sendAt = new Date('2026-01-05T09:00:00Z');
  return { id: '2026-01', sendAt, issue, view: buildIssueView({ issue, config, organisations: [], sendAt }).view };
}

const links = { to: (path: string) => path, inDirectory: new Set<string>() };

describe('issueContent', () => {
  it('marks a training course whose booking closes within 14 days "Closing soon", as the email does (it was only funding)', () => {
    const issue = siteIssue(
      `training:\n  - title: Soon course\n    url: https://example.org/soon\n    deadline: 2026-01-12\n  - title: Later course\n    url: https://example.org/later\n    deadline: 2026-03-12\n`,
    );
    const page = issueContent(issue, links).value;
    expect(issue.view.training.map((item) => item.closingSoon)).toEqual([true, false]);
    expect(page).toMatch(/<article id="training-soon-course" class="item">\n<p class="badge">Closing soon<\/p>/u);
    expect(page).not.toMatch(/<article id="training-later-course" class="item">\n<p class="badge">/u);
  });

  it('gives the next meeting its joining link and its Add to calendar link, as the email does (the site left both out)', () => {
    const meetings = `meetings:\n  - date: 2026-02-10\n    time: "10:00"\n    venue: Sample Hall\n    link: https://example.org/meet/tn\n`;
    const page = issueContent(siteIssue('', meetings), links).value;
    expect(page).toContain('<h2 id="next-meeting">Next network meeting</h2>');
    expect(page).toContain('<a href="https://example.org/meet/tn">Join online</a>');
    expect(page).toContain('<a href="https://example.org/tn/meetings/2026-02-10.ics">Add to calendar</a>');
  });
});
