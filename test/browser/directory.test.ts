import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite } from '../../src/actions/serve-site.js';
import { siteCommand } from '../../src/actions/site-command.js';
import { collectOutput } from '../support/collect-output.js';
import { sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';
import { browserPerFile } from './browser-per-file.js';

/** The sample workspace's directory, as a health visitor in a hurry uses it. */
const NOW = new Date('2026-12-07T12:00:00Z');
const WIDTHS = [375, 1280] as const;

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One page of each kind the website has. */
const PAGE_TYPES = [
  '',
  'issues/',
  'issues/2026-11/',
  'services/',
  'services/fathers-network-scotland/',
  'services/aberlour/',
  'areas/renfrewshire/',
  'areas/all/',
  'service-types/peer-support/',
  'directory/renfrewshire/fathers-or-partners/any/',
  'events/',
  'join/',
  'privacy/',
];

const browser = browserPerFile();
let ws: SampleWorkspace;
let server: Awaited<ReturnType<typeof serveSite>>;

beforeAll(async () => {
  ws = await sampleWorkspace();
  const out = `${ws.dir}/out/site`;
  await siteCommand({ dir: ws.dir, out, now: NOW }, collectOutput());
  server = await serveSite(out, 0, collectOutput());
});
afterAll(async () => {
  await server?.close();
  await ws?.remove();
});

/** The profile answers the task: a tap-to-call link and the referral route, on the first screen of a phone. */
async function expectReferralReady(page: Page, width: number): Promise<void> {
  expect(await page.locator('h1').innerText()).toBe('Fathers Network Scotland');
  const call = page.locator('a[href^="tel:"]').first();
  expect(await call.getAttribute('href')).toBe('tel:01414960101');
  expect(await page.locator('#how-to-refer').isVisible()).toBe(true);
  expect(await page.locator('.refer').innerText()).toContain('referral form');
  if (width === 375) {
    const box = await call.boundingBox();
    expect(box, 'the call link is on the page').not.toBeNull();
    expect(box!.y + box!.height, 'the call link is on the first screen').toBeLessThanOrEqual(812);
  }
}

async function visibleResults(page: Page): Promise<string[]> {
  return page.locator('#services > li:not([hidden]) h3').allInnerTexts();
}

describe('a health visitor finds a service for a father in Renfrewshire', () => {
  for (const width of WIDTHS) {
    it(`by search, in 2 steps, at ${width} px`, async () => {
      const page = await browser().newPage({ viewport: { width, height: 812 } });
      await page.goto(`${server.url}services/`);
      await page.waitForSelector('form.search', { state: 'visible' });
      await page.fill('#search', 'father Renfrewshire'); // step 1
      await page.waitForFunction(() => document.getElementById('results')?.textContent?.startsWith('Services matching'));
      const results = await visibleResults(page);
      expect(results[0]).toBe('Fathers Network Scotland');
      if (width === 375) {
        const first = await page.locator('#services > li:not([hidden])').first().boundingBox();
        expect(first!.y, 'the best match is on the first screen of a phone').toBeLessThan(812);
      }
      await page.click('#services > li:not([hidden]) h3 a >> nth=0'); // step 2
      await expectReferralReady(page, width);
      await page.close();
    });

    it(`by filters, without JavaScript, in 3 steps, at ${width} px`, async () => {
      const context = await browser().newContext({ javaScriptEnabled: false, viewport: { width, height: 812 } });
      const page = await context.newPage();
      await page.goto(`${server.url}services/`);
      await page.click('#filters a:text-is("Renfrewshire")'); // step 1
      expect(await page.locator('h1').innerText()).toBe('Services in Renfrewshire');
      await page.click('#filters a:text-is("Fathers or partners")'); // step 2
      expect(await page.locator('h1').innerText()).toBe('Services in Renfrewshire for fathers or partners');
      expect(await visibleResults(page)).toEqual(['Fathers Network Scotland']);
      await page.click('#services h3 a:text-is("Fathers Network Scotland")'); // step 3
      await expectReferralReady(page, width);
      await context.close();
    });
  }

  it('"dad" finds the fathers\' service first; "PND" finds postnatal depression', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}services/`);
    await page.waitForSelector('form.search', { state: 'visible' });
    await page.fill('#search', 'dad');
    await page.waitForFunction(() => document.getElementById('results')?.textContent?.startsWith('Services matching “dad”'));
    expect((await visibleResults(page))[0]).toBe('Fathers Network Scotland');
    await page.fill('#search', 'PND');
    await page.waitForFunction(() => document.getElementById('results')?.textContent?.startsWith('Services matching “PND”'));
    expect(await visibleResults(page)).toContain('Pandas South Glasgow');
    await page.close();
  });

  it('a search that finds nothing says so and what to try, and clearing it shows every service', async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 812 } });
    await page.goto(`${server.url}services/`);
    await page.waitForSelector('form.search', { state: 'visible' });
    await page.fill('#search', 'xylophone');
    await page.waitForSelector('#no-results', { state: 'visible' });
    expect(await page.locator('#no-results').innerText()).toContain('No service matches “xylophone”.');
    expect(await page.locator('#results').innerText()).toBe('Services matching “xylophone” (0)');
    await page.fill('#search', '');
    await page.waitForSelector('#no-results', { state: 'hidden' });
    expect(await visibleResults(page)).toHaveLength(35);
    await page.close();
  });
});

describe('the printed area page', () => {
  it('fits one A4 page for every area of the sample, with each service and its phone', async () => {
    const page = await browser().newPage();
    const index = await fetch(`${server.url}services/`).then((response) => response.text());
    const areas = [...index.matchAll(/href="\.\.\/areas\/([a-z0-9-]+)\/"/gu)].map((match) => match[1]!);
    expect(areas).toContain('renfrewshire');
    for (const area of new Set(areas)) {
      await page.goto(`${server.url}areas/${area}/`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.masthead').isVisible(), 'the site header is not printed').toBe(false);
      const pdf = (await page.pdf({ format: 'A4', printBackground: false })).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page(?!s)/gu)?.length ?? 0;
      expect(pages, `areas/${area}/ printed on ${pages} pages`).toBe(1);
    }
    // The count is real: the whole directory of 35 services takes more than one page.
    await page.goto(`${server.url}services/`);
    const whole = (await page.pdf({ format: 'A4' })).toString('latin1').match(/\/Type\s*\/Page(?!s)/gu)?.length ?? 0;
    expect(whole).toBeGreaterThan(1);
    await page.goto(`${server.url}areas/renfrewshire/`);
    await page.emulateMedia({ media: 'print' });
    const printed = await page.locator('main').innerText();
    expect(printed).toContain('Fathers Network Scotland');
    expect(printed).toContain('0141 496 0101');
    expect(printed).toMatch(/How to refer: \(Sample text\.\) Fill in the referral form/u);
    await page.close();
  });
});

describe('accessibility', () => {
  it('has no axe-core WCAG 2.2 A/AA violations on any page type, at 375 and 1280 px, light and dark', { timeout: 240_000 }, async () => {
    const found: string[] = [];
    for (const width of WIDTHS) {
      const page = await browser().newPage({ viewport: { width, height: 812 } });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const path of PAGE_TYPES) {
          await page.goto(`${server.url}${path}`);
          // Evaluated, not injected as a tag: the pages' content security policy allows no inline script.
          await page.evaluate(AXE);
          const violations = await page.evaluate(async () => {
            const axe = (
              window as unknown as {
                axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> };
              }
            ).axe;
            const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
            return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          });
          for (const violation of violations) found.push(`${path || 'home'} at ${width} px, ${scheme}: ${violation}`);
        }
      }
      await page.close();
    }
    expect(found).toEqual([]);
  });
});
