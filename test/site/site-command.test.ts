import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { siteCommand } from '../../src/actions/site-command.js';
import { collectOutput } from '../support/collect-output.js';
import { SITE_MEMBERS, SITE_NOW, SUBMITTER, useSiteWorkspace } from '../support/site-workspace.js';
import { pagesOf, readSite } from './site-output.js';

const ws = useSiteWorkspace();

async function build(now = SITE_NOW) {
  const out = collectOutput();
  const result = await siteCommand({ dir: ws.dir, out: undefined, now }, out);
  return { result, output: out.text(), site: await readSite(ws.out) };
}

describe('snippet site: what is published', () => {
  it('lists exactly the approved issues whose send time has passed, and not archive: false', async () => {
    const { result, output, site } = await build();
    expect(result.issues).toEqual(['2026-10', '2026-09']);
    const issuePages = [...site.keys()].filter((name) => /^issues\/\d{4}-\d{2}\/index\.html$/u.test(name)).sort();
    expect(issuePages).toEqual(['issues/2026-09/index.html', 'issues/2026-10/index.html']);
    const index = site.get('issues/index.html')!;
    expect(index).toContain('href="2026-09/"');
    expect(index).toContain('href="2026-10/"');
    for (const hidden of ['2026-11', '2026-12', '2027-01']) {
      expect([...site.values()].some((text) => text.includes(`Riverside snippet ${hidden}`))).toBe(false);
    }
    expect(output).toContain('left out (draft): 2026-12');
    expect(output).toContain('left out (not yet sent): 2027-01');
    expect(output).toContain('left out (archive: false): 2026-11');
  });

  it('publishes an issue once its send time has passed, by the clock it is given', async () => {
    const { result } = await build(new Date('2027-01-05T09:00:00Z'));
    expect(result.issues).toEqual(['2027-01', '2026-10', '2026-09']);
  });

  it('shows the same content as the email, items with anchors, news after the spotlight', async () => {
    const { site } = await build();
    const page = site.get('issues/2026-09/index.html')!;
    expect(page).toContain('<h2 id="research">Research</h2>');
    expect(page).toContain('id="research-fathers-and-perinatal-mental-health"');
    expect(page).toContain('id="funding-autumn-small-grants"');
    expect(page).toContain('Service spotlight: Bluebell Centre');
    expect(page).toContain('Groups start again in October.');
    expect(page.indexOf('News from members')).toBeGreaterThan(page.indexOf('Service spotlight'));
    expect(page).toContain('Harbour opens a Saturday group');
    expect(page).toContain('From Harbour Peer Support');
    expect(page).not.toContain('<table');
    expect(site.get('issues/2026-10/index.html')).toContain('Open all year (rolling deadline)');
  });

  it('leaves out organisations with directory: false, and shows when each profile was last checked', async () => {
    const { site, result } = await build();
    expect(result.services).toBe(4);
    expect(site.has('services/hidden-helpers/index.html')).toBe(false);
    expect([...site.values()].some((text) => text.includes('Hidden Helpers'))).toBe(false);
    expect(site.get('services/bluebell-centre/index.html')).toContain('<time datetime="2026-06-01">Monday 1 June 2026</time>');
    expect(site.get('services/nightlight-doulas/index.html')).toContain('Not yet checked with the organisation');
    expect(site.get('services/bluebell-centre/index.html')).toContain('href="../../issues/2026-09/#spotlight"');
  });

  it('filters the directory by area and by type of service with plain links', async () => {
    const { site } = await build();
    const index = site.get('services/index.html')!;
    expect(index).toContain('href="../areas/glasgow-south/"');
    expect(index).toContain('href="../service-types/peer-support/"');
    const south = site.get('areas/glasgow-south/index.html')!;
    expect(south).toContain('Bluebell Centre');
    expect(south).toContain('Nightlight Doulas');
    expect(south).not.toContain('>Harbour Peer Support<');
    const peer = site.get('service-types/peer-support/index.html')!;
    expect(peer).toContain('Harbour Peer Support');
    expect(peer).toContain('Nightlight Doulas');
    expect(peer).not.toContain('>Bluebell Centre<');
    for (const page of ['services/index.html', 'services/bluebell-centre/index.html', 'areas/glasgow-south/index.html']) {
      expect(site.get(page)).toContain('<p class="endorsement">Membership is not an endorsement; we are curious but critical.</p>');
    }
  });

  it('writes one calendar file per configured meeting, at the address the email links to', async () => {
    const { site } = await build();
    expect(site.has('meetings/2027-02-11.ics')).toBe(true);
    expect(site.has('meetings/2027-06-10.ics')).toBe(true);
  });
});

describe('snippet site: no personal data', () => {
  it('has no member address or name, no submitter, and no placeholder token in any file', async () => {
    const { site } = await build();
    const members = await readFile(join(ws.dir, 'contacts/members.csv'), 'utf8');
    const fields = members
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .flatMap((line) => line.split(',').slice(0, 2));
    expect(fields.length).toBe(SITE_MEMBERS.length * 2);
    for (const [name, text] of site) {
      for (const field of [...fields, SUBMITTER.name, SUBMITTER.email]) expect(text.toLowerCase(), `${field} in ${name}`).not.toContain(field.toLowerCase());
      expect(text, `placeholder in ${name}`).not.toMatch(/[\uE000\uE001]|snippet:(greeting|email|name|unsubscribe-url)/u);
      expect(text, `greeting in ${name}`).not.toMatch(/Hello,|Dear /u);
    }
  });
});

describe('snippet site: the mailing list is never read', () => {
  it('builds the site when contacts/members.csv and the suppressions cannot be read at all', async () => {
    for (const file of ['contacts/members.csv', 'contacts/suppressions.csv']) {
      await rm(join(ws.dir, file), { force: true });
      await mkdir(join(ws.dir, file));
    }
    const { result, output } = await build();
    expect(result.issues).toEqual(['2026-10', '2026-09']);
    expect(output).not.toMatch(/members\.csv|suppressions\.csv/u);
  });
});

describe('snippet site: feeds', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

  it('has an Atom feed with each published issue, its date, link and full content', async () => {
    const { site } = await build();
    const atom = parser.parse(site.get('feed.xml')!);
    const entries = [atom.feed.entry].flat();
    expect(entries.map((entry) => entry.title['#text'] ?? entry.title)).toEqual(['Riverside snippet 2026-10', 'Riverside snippet 2026-09']);
    expect(entries.map((entry) => entry.link['@href'])).toEqual([
      'https://example.org/riverside/issues/2026-10/',
      'https://example.org/riverside/issues/2026-09/',
    ]);
    expect(new Date(entries[1].updated).toISOString()).toBe('2026-09-01T08:00:00.000Z');
    const content = String(entries[1].content['#text'] ?? entries[1].content);
    expect(content).toContain('Fathers and perinatal mental health');
    expect(content).toContain('https://example.org/riverside/services/bluebell-centre/');
  });

  it('has an RSS 2.0 feed with the same items', async () => {
    const { site } = await build();
    const rss = parser.parse(site.get('rss.xml')!);
    const items = [rss.rss.channel.item].flat();
    expect(items.map((item) => item.link)).toEqual(['https://example.org/riverside/issues/2026-10/', 'https://example.org/riverside/issues/2026-09/']);
    expect(new Date(items[0].pubDate).toISOString()).toBe('2026-10-01T08:00:00.000Z');
  });
});

describe('snippet site: a web user', () => {
  it('links only to files that exist, and to anchors that exist', async () => {
    const { site } = await build();
    const broken: string[] = [];
    let checked = 0;
    for (const [name, text] of pagesOf(site)) {
      for (const match of text.matchAll(/(?:href|src)="([^"]+)"/gu)) {
        const target = match[1]!.replaceAll('&amp;', '&');
        if (/^(https?:|mailto:|tel:)/u.test(target)) continue;
        const url = new URL(target, `https://site.invalid/${name}`);
        const path = decodeURIComponent(url.pathname.slice(1));
        const file = path === '' || path.endsWith('/') ? `${path}index.html` : path;
        checked += 1;
        if (!site.has(file)) broken.push(`${name}: ${target}`);
        else if (url.hash && !site.get(file)!.includes(`id="${url.hash.slice(1)}"`)) broken.push(`${name}: ${target} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('lists every page in sitemap.xml with absolute addresses', async () => {
    const { site } = await build();
    const sitemap = site.get('sitemap.xml')!;
    for (const [name] of pagesOf(site)) expect(sitemap).toContain(`<loc>https://example.org/riverside/${name.replace(/index\.html$/u, '')}</loc>`);
  });

  it('has lang, Open Graph tags, and noindex only when the site is private', async () => {
    let { site } = await build();
    const page = site.get('issues/2026-09/index.html')!;
    expect(page).toContain('<html lang="en-GB">');
    expect(page).toContain('<meta property="og:title" content="Riverside snippet 2026-09">');
    expect(page).toContain('<meta property="og:url" content="https://example.org/riverside/issues/2026-09/">');
    expect(page).not.toContain('noindex');
    const config = await readFile(join(ws.dir, 'snippet.config.yaml'), 'utf8');
    await ws.write('snippet.config.yaml', config.replace('  join_email:', '  private: true\n  join_email:'));
    ({ site } = await build());
    for (const [name, text] of pagesOf(site)) expect(text, name).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it('serves MiniSearch from the site itself, and nothing from elsewhere', async () => {
    const { site } = await build();
    expect(site.get('assets/minisearch.js')).toContain('MiniSearch');
    for (const [name, text] of pagesOf(site)) {
      for (const match of text.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/gu)) {
        if (match[0].includes('rel="canonical"')) continue;
        expect(match[1], name).not.toMatch(/^https?:/u);
      }
    }
  });
});

describe('snippet site: bad input', () => {
  it('a config error stops the build with the file and line, and the site already there is unchanged', async () => {
    const { site } = await build();
    const config = await readFile(join(ws.dir, 'snippet.config.yaml'), 'utf8');
    await ws.write('snippet.config.yaml', config.replace('url: https://example.org/riverside/', 'url: example.org/riverside'));
    const failed = siteCommand({ dir: ws.dir, out: undefined, now: SITE_NOW }, collectOutput());
    await expect(failed).rejects.toMatchObject({
      problems: expect.arrayContaining([expect.objectContaining({ file: 'snippet.config.yaml', line: 14, severity: 'error' })]),
    });
    expect(await readSite(ws.out)).toEqual(site);
  });

  it('asks for site.url when the config has no site', async () => {
    const config = await readFile(join(ws.dir, 'snippet.config.yaml'), 'utf8');
    await ws.write('snippet.config.yaml', config.replace(/site:\n( {2}.*\n)+/u, ''));
    await expect(siteCommand({ dir: ws.dir, out: undefined, now: SITE_NOW }, collectOutput())).rejects.toMatchObject({
      problems: [expect.objectContaining({ file: 'snippet.config.yaml', message: expect.stringMatching(/site:.*url:/u) })],
    });
  });

  it('a missing contacts/organisations.yaml stops the build, naming the file, and the site already there is unchanged', async () => {
    const { site } = await build();
    await rm(join(ws.dir, 'contacts/organisations.yaml'));
    await expect(siteCommand({ dir: ws.dir, out: undefined, now: SITE_NOW }, collectOutput())).rejects.toMatchObject({
      message: 'the website was not built',
      problems: [expect.objectContaining({ file: 'contacts/organisations.yaml', severity: 'error', message: 'the file is missing' })],
    });
    expect(await readSite(ws.out)).toEqual(site);
  });

  it('leaves out an issue file with errors, says so, and builds the rest', async () => {
    await ws.write('issues/2026-10.md', '---\nsubject: [unclosed\n---\n');
    const out = collectOutput();
    const result = await siteCommand({ dir: ws.dir, out: undefined, now: SITE_NOW }, out);
    expect(result.issues).toEqual(['2026-09']);
    expect(out.text()).toMatch(/issues\/2026-10\.md: warning: the file has errors, so it is left out of the website/u);
  });
});
