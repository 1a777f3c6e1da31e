import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import type { Issue } from '../../src/issue/issue.js';
import { personalise } from '../../src/render/personalise.js';
import { render } from './fixtures.js';

/**
 * Issue 13's findings, read as a member reads the email: each test is named
 * after what was wrong. The fixtures send on Tuesday 1 December 2026.
 */
const url = 'https://example.org/item';
const member = {
  name: 'Dr Anna Kowalska',
  greetingName: 'Anna',
  email: 'anna@example.org',
  unsubscribeUrl: 'https://example.org/unsubscribe?e=anna%40example.org&t=token',
};
const site: Pick<Config, 'site'> = { site: { url: 'https://example.org/snippet/', private: false } };

async function read(overrides: Partial<Issue> = {}, configOverrides: Partial<Config> = {}) {
  return personalise(await render(overrides, configOverrides), member);
}

/** The HTML without tags, as a reader sees its words. */
function words(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/gu, '')
    .replace(/<\/?(?:a|strong|em|span)\b[^>]*>/gu, '')
    .replace(/<[^>]+>/gu, ' ')
    .replace(/&nbsp;|\u00a0/gu, ' ')
    .replace(/\s+/gu, ' ');
}

describe('the masthead', () => {
  it('masthead leads with the 57-character network name: "The snippet" and the month lead, the network below', async () => {
    const { html, text } = await read({}, { network: { name: 'Greater Glasgow and Clyde Perinatal Mental Health Network', shortName: 'GGC PMHN' } });
    const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/u.exec(html)?.[1];
    expect(h1).toBe('The snippet');
    expect(words(html)).toMatch(/The snippet December 2026 Greater Glasgow and Clyde Perinatal Mental Health Network/u);
    expect(text.split('\n').slice(0, 2)).toEqual(['THE SNIPPET · DECEMBER 2026', 'Greater Glasgow and Clyde Perinatal Mental Health Network']);
  });
});

describe('"In this issue" and "Key dates"', () => {
  const issue: Partial<Issue> = {
    research: [{ title: 'A paper', url }],
    training: [
      { title: 'Late course', url, date: '2027-01-20' },
      { title: 'Booked course', url, date: '2026-12-21', deadline: '2026-12-08' },
    ],
    funding: [
      { title: 'Far fund', url, deadline: '2027-01-08' },
      { title: 'Rolling fund', url, deadline: 'rolling' },
      { title: 'Near fund', url, deadline: '2026-12-11' },
    ],
    news: [{ title: 'Member news', summary: 'News.' }],
    spotlight: 'home-start',
  };
  const meetings = { meetings: [{ date: '2026-12-15', time: '10:00', venue: 'Sample Hall' }] };

  it('nothing summarised the issue: lists the sections with their counts, the meeting with its date, and how to send news', async () => {
    const { html, text } = await read(issue, meetings);
    expect(words(html)).toContain(
      'In this issue Next network meeting: Tue 15 Dec 2026 · Research (1) · Training and events (2) · Funding opportunities (3) · Service spotlight: Home-Start Example · News from members (1) · Share your news',
    );
    expect(text).toContain(
      'IN THIS ISSUE\n=============\n\n- Next network meeting: Tue 15 Dec 2026\n- Research (1)\n- Training and events (2)\n- Funding opportunities (3)\n- Service spotlight: Home-Start Example\n- News from members (1)\n- Share your news\n',
    );
  });

  it('"In this issue" was plain text: each entry links to its section, by a named anchor as Gmail and Outlook need', async () => {
    const { html } = await read(issue, meetings);
    const contents = /In this issue<\/h2>\s*<p[^>]*>([\s\S]*?)<\/p>/u.exec(html)?.[1] ?? '';
    const targets = [...contents.matchAll(/<a href="#([^"]+)"[^>]*>([^<]+)<\/a>/gu)].map((m) => [m[1], m[2]]);
    expect(targets).toEqual([
      ['next-meeting', 'Next network meeting: Tue\u00a015\u00a0Dec\u00a02026'],
      ['research', 'Research'],
      ['training', 'Training and events'],
      ['funding', 'Funding opportunities'],
      ['spotlight', 'Service spotlight: Home-Start Example'],
      ['news', 'News from members'],
      ['share', 'Share your news'],
    ]);
    for (const [anchor] of targets) {
      // Exactly one target, an empty named anchor right before the section's heading.
      expect(html.match(new RegExp(`name="${anchor}"`, 'gu'))).toHaveLength(1);
      expect(html).toMatch(new RegExp(`<a name="${anchor}" id="${anchor}"[^>]*></a><h2[^>]*>`, 'u'));
    }
  });

  it('the key dates came after the introduction: they and "In this issue" come first, before the greeting', async () => {
    const { html, text } = await read(issue, meetings);
    const order = (part: string, marks: string[]) => marks.map((mark) => part.indexOf(mark));
    const inHtml = order(words(html), [
      'The snippet',
      'Key dates',
      'In this issue',
      'Dear Anna,',
      'Welcome to the December snippet.',
      'Next network meeting Tuesday',
    ]);
    expect(inHtml.every((at) => at >= 0)).toBe(true);
    expect(inHtml).toEqual([...inHtml].sort((a, b) => a - b));
    const inText = order(text, ['THE SNIPPET', 'KEY DATES', 'IN THIS ISSUE', 'Dear Anna,', 'Welcome to the December snippet.', 'NEXT NETWORK MEETING']);
    expect(inText.every((at) => at >= 0)).toBe(true);
    expect(inText).toEqual([...inText].sort((a, b) => a - b));
  });

  it('there was no summary of what closes soon: every date in the next six weeks, soonest first, naming its item', async () => {
    const { text } = await read(issue, meetings);
    const block = /KEY DATES\n=+\n\n([\s\S]*?)\n\n/u.exec(text)?.[1];
    expect(block).toBe(
      [
        '[CLOSING SOON] Tuesday 8 December',
        '  Booking closes (training on Monday 21 December): Booked course',
        '[CLOSING SOON] Friday 11 December',
        '  Funding closes: Near fund',
        'Tuesday 15 December',
        '  Network meeting: Sample Hall',
        'Friday 8 January',
        '  Funding closes: Far fund',
      ].join('\n'),
    );
    // 20 January is seven weeks away; a rolling fund has no date.
    expect(block).not.toMatch(/Late course|Rolling fund/u);
  });

  it('shows the key dates in the HTML with their links and closing-soon marks', async () => {
    const { html } = await read(issue, meetings);
    const keyDates = words(html).slice(words(html).indexOf('Key dates'));
    expect(keyDates).toMatch(
      /^Key dates Tuesday 8 December Closing soon Booking closes \(training on Monday 21 December\): Booked course Friday 11 December Closing soon Funding closes: Near fund Tuesday 15 December Network meeting: Sample Hall Friday 8 January Funding closes: Far fund In this issue/u,
    );
    expect(html).toMatch(/Funding closes: <a href="https:\/\/example\.org\/item"[^>]*>Near fund<\/a>/u);
  });

  it('has no key dates block when nothing falls within six weeks', async () => {
    const { html, text } = await read({ research: [{ title: 'A paper', url }] });
    expect(html).not.toContain('Key dates');
    expect(text).not.toContain('KEY DATES');
  });
});

describe('closing soon', () => {
  it('only funding got "closing soon": a booking deadline within 14 days is marked too, before the title', async () => {
    const { html, text } = await read({ training: [{ title: 'Course', url, date: '2027-01-10', deadline: '2026-12-10' }] });
    expect(html).toMatch(/<h3[^>]*><span class="badge"[^>]*>Closing soon<\/span> <a[^>]*>Course<\/a>/u);
    expect(text).toContain('[CLOSING SOON] Course\n---------------------\nhttps://example.org/item\n');
  });

  it("[CLOSING SOON] sat between a title's underline and its link: the mark now leads the title", async () => {
    const { text } = await read({ funding: [{ title: 'Soon', url, deadline: '2026-12-10' }] });
    expect(text).toContain('[CLOSING SOON] Soon\n-------------------\nhttps://example.org/item\n');
    expect(text).not.toMatch(/-\n\[CLOSING SOON\]/u);
  });

  it('a rolling fund reads "open all year" and is never closing soon', async () => {
    const { html, text } = await read({ funding: [{ title: 'Always open', url, deadline: 'rolling' }] });
    expect(text).toContain('Open all year (rolling deadline)');
    expect(text).not.toContain('CLOSING SOON');
    expect(html).not.toContain('class="badge"');
  });
});

describe('training times and several days', () => {
  it('training could not say a time of day or an end date', async () => {
    const { text } = await read({
      training: [
        { title: 'Morning', url, date: '2026-12-09', time: '10:00', endTime: '12:00' },
        { title: 'Two days', url, date: '2027-01-14', time: '09:30', endDate: '2027-01-15', endTime: '16:30' },
        { title: 'Week', url, date: '2027-01-18', endDate: '2027-01-22' },
      ],
    });
    expect(text).toContain('Wed 9 Dec 2026, 10:00 to 12:00');
    expect(text).toContain('Thu 14 Jan 2027, 09:30 to Fri 15 Jan 2027, 16:30');
    expect(text).toContain('Mon 18 Jan 2027 to Fri 22 Jan 2027');
  });
});

describe('dates and addresses', () => {
  it('dates broke across lines ("Friday 26 / February 2027"): every date is joined by no-break spaces, and to its label', async () => {
    const { html } = await read({
      funding: [{ title: 'Fund', url, deadline: '2027-02-26' }],
      training: [{ title: 'Course', url, date: '2027-01-14', deadline: '2026-12-18' }],
    });
    expect(html).toContain('Closes\u00a0Fri\u00a026\u00a0Feb\u00a02027');
    expect(html).toContain('Book\u00a0by\u00a0Fri\u00a018\u00a0Dec\u00a02026');
    expect(html).toContain('<strong>Friday\u00a018\u00a0December</strong>');
    expect(html).not.toMatch(/Fri 26 Feb|Friday 18 December/u);
  });

  it('the footer address broke mid-word: it may break only before a dot or the @, never at a hyphen', async () => {
    const { html, text } = personalise(await render(), { ...member, email: 'pmhn-coordinator@nhs.example.org' });
    expect(html).toContain(
      '<span style="white-space:nowrap">pmhn-coordinator</span><wbr><span style="white-space:nowrap">@nhs</span><wbr><span style="white-space:nowrap">.example</span><wbr><span style="white-space:nowrap">.org</span>',
    );
    expect(text).toContain('\npmhn-coordinator@nhs.example.org\n');
  });

  it('keeps the postcode of the footer address on one line', async () => {
    const { html } = await read();
    expect(html).toContain('Glasgow G1\u00a01AA');
  });
});

describe('share your news', () => {
  it('nothing said how to send an item, or who runs the network: names the coordinator, the way in and the date', async () => {
    const { html, text } = await read(
      {},
      {
        coordinator: { name: 'Morag Example', role: 'network coordinator' },
        submissions: { formUrl: 'https://example.org/form', deadlineDays: 7, columns: {} },
      },
    );
    // January 2027 is sent on the first working day, Tuesday 5 January; seven days before is 29 December.
    expect(words(html)).toContain(
      'Share your news Morag Example, network coordinator, puts the snippet together. Send your research, training, funding and news for the January 2027 snippet by Tuesday 29 December 2026: fill in the submission form, or reply to this email.',
    );
    expect(html).toContain('<a href="https://example.org/form"');
    expect(text.replace(/\s+/gu, ' ')).toContain(
      'SHARE YOUR NEWS =============== Morag Example, network coordinator, puts the snippet together. Send your research, training, funding and news for the January 2027 snippet by Tuesday 29 December 2026: fill in the submission form at https://example.org/form or reply to this email.',
    );
  });

  it('asks for replies by the configured number of days before a fixed send day', async () => {
    const { text } = await read({}, { schedule: { sendDay: 3, sendTime: '09:00' }, submissions: { deadlineDays: 10, columns: {} } });
    // January 2027 goes out on the 3rd; ten days before is 24 December.
    expect(text.replace(/\s+/gu, ' ')).toContain('for the January 2027 snippet by Thursday 24 December 2026: reply to this email.');
    expect(text).toContain('The snippet is made from what members send in.');
  });
});

describe('the next meeting', () => {
  const february = { date: '2027-02-11', time: '10:00', endTime: '12:30', venue: 'Sample Hall, Glasgow', link: 'https://example.org/join-meeting' };

  it("the quarterly meeting showed only within two months: the December issue shows February's", async () => {
    const { html, text } = await read({}, { meetings: [february] });
    expect(words(html)).toContain('Next network meeting Thursday 11 February 2027, 10:00 to 12:30 Sample Hall, Glasgow Join online');
    expect(text).toContain('NEXT NETWORK MEETING');
  });

  it('is not shown outside meetings.show_within', async () => {
    const { html } = await read({}, { meetings: [february], meetingsShowWithin: { count: 42, unit: 'day' } });
    expect(html).not.toContain('Next network meeting');
  });

  it('links to the .ics file the website publishes, only when site.url is set', async () => {
    const withSite = await read({}, { meetings: [february], ...site });
    expect(withSite.html).toContain('<a href="https://example.org/snippet/meetings/2027-02-11.ics"');
    expect(withSite.text).toContain('Add to calendar: https://example.org/snippet/meetings/2027-02-11.ics');
    const without = await read({}, { meetings: [february] });
    expect(without.html).not.toContain('Add to calendar');
    expect(without.text).not.toContain('Add to calendar');
  });

  it('shows an online-only meeting with its joining link', async () => {
    const { text } = await read({}, { meetings: [{ date: '2027-01-14', link: 'https://example.org/join-meeting' }] });
    expect(text).toContain('Thursday 14 January 2027\nJoin online: https://example.org/join-meeting\n');
  });
});

describe('news from members', () => {
  it('shows news after the spotlight in both parts, with or without a link', async () => {
    const { html, text } = await read({
      spotlight: 'home-start',
      news: [
        { title: 'New group', url: 'https://example.org/news', summary: 'A new **evening** group.', organisation: 'home-start' },
        { title: 'Staff news', summary: 'A new manager.' },
      ],
    });
    expect(html.indexOf('News from members')).toBeGreaterThan(html.indexOf('Service spotlight: Home-Start Example'));
    expect(html).toMatch(/<h3[^>]*><a href="https:\/\/example\.org\/news"[^>]*>New group<\/a><\/h3>/u);
    expect(html).toMatch(/<h3[^>]*>Staff news<\/h3>/u);
    expect(html).toContain('A new <strong>evening</strong> group.');
    expect(text.indexOf('NEWS FROM MEMBERS')).toBeGreaterThan(text.indexOf('SERVICE SPOTLIGHT'));
    expect(text).toContain('New group\n---------\nhttps://example.org/news\nFrom Home-Start Example\n\nA new evening group.');
    expect(text).toContain('Staff news\n----------\n\nA new manager.');
  });

  it('never shows who submitted an item', async () => {
    const { html, text } = await read({ news: [{ title: 'News', submittedBy: { name: 'Secret Submitter', email: 'secret.submitter@example.org' } }] });
    for (const part of [html, text]) expect(part).not.toMatch(/Secret Submitter|secret\.submitter/u);
  });
});

describe('the website links', () => {
  it('carries "View in your browser" and "Forwarded to you? Join the network" in both parts when site.url is set', async () => {
    const { html, text } = await read({}, site);
    expect(html).toMatch(/<a href="https:\/\/example\.org\/snippet\/issues\/2026-12\/"[^>]*>View in your browser<\/a>/u);
    expect(html).toMatch(/Forwarded to you\?<\/strong> <a href="https:\/\/example\.org\/snippet\/join\/"[^>]*>Join the network<\/a>/u);
    expect(text).toContain('View in your browser: https://example.org/snippet/issues/2026-12/');
    expect(text).toContain('Forwarded to you? Join the network: https://example.org/snippet/join/');
  });

  it('puts nothing personal in those addresses', async () => {
    const rendered = await render({}, site);
    const links = [...rendered.html.matchAll(/href="(https:\/\/example\.org\/snippet\/[^"]*)"/gu)].map((m) => m[1]);
    expect(links).toEqual(['https://example.org/snippet/issues/2026-12/', 'https://example.org/snippet/join/']);
    for (const link of links) expect(link).not.toMatch(/[\uE000@?]/u);
  });

  it('has neither without site.url', async () => {
    const { html, text } = await read();
    for (const part of [html, text]) expect(part).not.toMatch(/View in your browser|Join the network/u);
  });
});

describe('the plain text', () => {
  it('the footer line was 88–90 characters, wrapped before the address was filled in: every line fits 78 columns after personalisation', async () => {
    const long = {
      name: 'Professor Siobhán Ní Bhriain-MacGillivray, Health Visiting Team Lead (North West)',
      email: 'siobhan.ni-bhriain-macgillivray.north-west@health-visiting-team.example.org',
      unsubscribeUrl: 'https://example.org/u',
    };
    const rendered = await render(
      {},
      { network: { name: 'Greater Glasgow and Clyde Perinatal Mental Health Network', shortName: 'GGC PMHN', website: 'https://example.org/network' } },
    );
    const { text } = personalise(rendered, long, 'full-name');
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(78);
    expect(text).toContain(`\n${long.email}\n`);
  });

  it('the mailto way to unsubscribe was missing: both ways are there', async () => {
    const { text } = await read();
    expect(text).toContain(`To unsubscribe, open this link:\n${member.unsubscribeUrl}\nor email unsubscribe@example.org with the subject "unsubscribe".`);
  });
});
