import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../src/organisations/organisation.js';
import { buildIssueView } from '../../src/render/build-issue-view.js';
import { buildSite } from '../../src/site/build-site.js';
import { relativeHref } from '../../src/site/relative-href.js';
import type { SiteInput } from '../../src/site/site-input.js';
import { slug, uniqueSlugs } from '../../src/site/slug.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { parseIssue } from '../../src/issue/parse-issue.js';

const HOSTILE = '<script>alert("x")</script> & "quotes"';

const config = parseConfig(
  `network:\n  name: Test Network\n  short_name: TN\nfrom: TN <tn@example.org>\nfooter:\n  postal_address: 1 Street\n  endorsement: Not an endorsement.\nunsubscribe:\n  mailto: u@example.org\nsite:\n  url: https://example.org/tn/\n`,
  'snippet.config.yaml',
).config!;

const organisations: Organisation[] = [
  {
    id: 'odd-one',
    name: HOSTILE,
    areas: ['Glasgow & Clyde <North>', 'Crème Brûlée'],
    services: ['Peer Support', 'peer support'],
    spotlight: true,
    description: 'A *description* with <b>raw HTML</b>.',
  },
];

function input(): SiteInput {
  const issue = parseIssue(
    `---\nsubject: '${HOSTILE.replaceAll("'", "''")}'\nstatus: approved\nsend_at: 2026-01-05T09:00\nspotlight: odd-one\n---\nIntro with <img src=x onerror=alert(1)>.\n`,
    'issues/2026-01.md',
    '2026-01',
  ).issue!;
  const sendAt = new Date('2026-01-05T09:00:00Z');
  return {
    network: config.network,
    footer: config.footer,
    language: 'en-GB',
    timeZone: 'Europe/London',
    site: config.site!,
    unsubscribeMailto: 'u@example.org',
    networkAddress: 'tn@example.org',
    meetings: [],
    defaultEventLengthMs: 7_200_000,
    areas: [],
    synonyms: config.directory.synonyms,
    organisations,
    now: new Date('2026-02-01T00:00:00Z'),
    issues: [{ id: '2026-01', sendAt, issue, view: buildIssueView({ issue, config, organisations, sendAt }).view }],
  };
}

describe('buildSite', () => {
  it('escapes what the coordinator and members wrote, on every page and in the feeds', () => {
    const files = buildSite(input(), { minisearch: '/* minisearch */' });
    for (const file of files.filter((f) => /\.(html|xml)$/u.test(f.name))) {
      expect(file.data, file.name).not.toContain('<script>alert');
      expect(file.data, file.name).not.toContain('<img src=x');
      expect(file.data, file.name).not.toContain('<b>raw HTML</b>');
    }
    const page = files.find((f) => f.name === 'issues/2026-01/index.html')!.data;
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;');
  });

  it('gives areas and types of service addresses made of plain letters, one per name whatever its case', () => {
    const names = buildSite(input(), { minisearch: '' }).map((f) => f.name);
    expect(names).toContain('areas/glasgow-clyde-north/index.html');
    expect(names).toContain('areas/creme-brulee/index.html');
    expect(names.filter((name) => name.startsWith('service-types/'))).toEqual(['service-types/peer-support/index.html']);
  });

  it('builds the same site from the same input', () => {
    expect(buildSite(input(), { minisearch: '' })).toEqual(buildSite(input(), { minisearch: '' }));
  });
});

describe('relativeHref', () => {
  it('links between pages wherever the site is served', () => {
    expect(relativeHref('', 'issues/')).toBe('issues/');
    expect(relativeHref('issues/', '')).toBe('../');
    expect(relativeHref('issues/2026-12/', 'issues/2026-11/')).toBe('../2026-11/');
    expect(relativeHref('issues/2026-12/', 'services/a/')).toBe('../../services/a/');
    expect(relativeHref('services/', 'services/')).toBe('./');
    expect(relativeHref('services/a/', 'assets/site.css')).toBe('../../assets/site.css');
  });
});

describe('slug', () => {
  it('folds accents, drops punctuation and numbers repeats', () => {
    expect(slug('Ruairí’s Group: Glasgow & Clyde')).toBe('ruairi-s-group-glasgow-clyde');
    expect(slug('!!!')).toBe('item');
    expect(slug('Crème Brûlée')).toBe('creme-brulee');
    const next = uniqueSlugs();
    expect([next('Funding'), next('funding'), next('Other')]).toEqual(['funding', 'funding-2', 'other']);
  });
});

describe('slug for names with no Latin letters', () => {
  it('keeps 北部 and 南部 apart, the same from build to build (regression: both were "item", one area page)', () => {
    expect(slug('北部')).not.toBe(slug('南部'));
    expect(slug('北部')).toBe(slug('北部'));
    expect(slug('北部')).toMatch(/^item-[0-9a-f]{8}$/u);
    expect(slug('Glasgow 北部')).not.toBe(slug('Glasgow 南部'));
    expect(slug('Glasgow 北部')).toMatch(/^glasgow-[0-9a-f]{8}$/u);
  });

  it('gives each such area its own page', () => {
    const site = input();
    site.organisations = [{ ...site.organisations[0]!, areas: ['北部', '南部'] }];
    const names = buildSite(site, { minisearch: '' }).map((f) => f.name);
    expect(names.filter((name) => name.startsWith('areas/') && name !== 'areas/index.html')).toHaveLength(2);
  });
});
