import { describe, expect, it } from 'vitest';
import { useBuiltSite } from './site-output.js';

const site = useBuiltSite();

/** The page's main content, without the frame. */
function main(path: string): string {
  const page = site.get(path);
  if (page === undefined) throw new Error(`no ${path} in the site`);
  return page.slice(page.indexOf('<main'), page.indexOf('</main>'));
}

describe('the profile page', () => {
  it('says whom it is for and how to refer before anything else, with tap-to-call and email links', () => {
    const page = main('services/dads-together/index.html');
    const order = [
      '<h1>Dads Together</h1>',
      'For:</strong> Fathers or partners. In pregnancy and up to 1 year.',
      'How to refer',
      'Families can refer themselves.',
      'href="https://example.org/dads/refer"',
      'href="tel:01414960303">Call\u00a00141\u00a0496\u00a00303',
      'href="mailto:dads@example.org">Email dads@example.org',
      'Copy referral details',
      'Peer support for dads',
    ];
    const positions = order.map((text) => page.indexOf(text));
    expect(
      positions.every((position) => position > 0),
      JSON.stringify(positions),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(page).toContain('<dt>Languages</dt><dd>English, Polish</dd>');
    expect(page).toContain('<dt>Waiting time</dt><dd>About a week</dd>');
    expect(page).toContain('<a href="../../areas/all/">The whole network area</a>');
  });

  it('holds the referral details as plain text for the copy button', () => {
    const details = /<pre id="referral-details" hidden>([^<]*)<\/pre>/u.exec(main('services/dads-together/index.html'))?.[1];
    expect(details).toBe(
      [
        'Dads Together',
        'For: Fathers or partners; In pregnancy and up to 1 year',
        'Areas: the whole network area',
        'Self-referral: yes',
        'How to refer: Use the referral form (https://example.org/dads/refer), and include the baby’s age.',
        'Phone: 0141 496 0303',
        'Email: dads@example.org',
        'Cost: Free',
        'Waiting time: About a week',
        'Directory page: https://example.org/riverside/services/dads-together/',
      ].join('\n'),
    );
  });

  it('marks a profile last checked more than 12 months ago as possibly out of date, and a recent one not', () => {
    expect(main('services/dads-together/index.html')).toContain('(may be out of date: confirm the details with them before you refer)');
    expect(main('services/bluebell-centre/index.html')).not.toContain('may be out of date');
  });

  it("lists the organisation's items from past snippets, linking to the item and its issue", () => {
    const page = main('services/harbour-peer-support/index.html');
    expect(page).toContain('In the snippet');
    expect(page).toContain(
      'Harbour opens a Saturday group <span class="meta">News, <a href="../../issues/2026-09/#news-harbour-opens-a-saturday-group">September 2026</a>',
    );
    expect(page).toContain('Service spotlight, <a href="../../issues/2026-10/#spotlight">October 2026</a>');
  });

  it('lists a service with areas: all under every area, and on its own filter page', () => {
    for (const area of ['glasgow-north', 'glasgow-south', 'inverclyde', 'all']) expect(main(`areas/${area}/index.html`), area).toContain('Dads Together');
  });
});

describe('joining', () => {
  it('check (and every command) stops at site.url without a join route, at the line of site.url', async () => {
    const { parseConfig } = await import('../../src/config/parse-config.js');
    const { MINIMAL_CONFIG_YAML } = await import('../render/fixtures.js');
    const { problems } = parseConfig(`${MINIMAL_CONFIG_YAML}site:\n  url: https://example.org/snippet/\n`, 'snippet.config.yaml');
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', line: 10, message: expect.stringContaining('site: the website needs a way to join: add join_email') }),
    ]);
    expect(
      parseConfig(`${MINIMAL_CONFIG_YAML}site:\n  url: https://example.org/snippet/\n  join_url: https://example.org/join\n`, 'snippet.config.yaml').problems,
    ).toEqual([]);
  });

  it('the join page offers the configured address', () => {
    expect(main('join/index.html')).toContain('<a href="mailto:join@example.org?subject=');
  });
});
