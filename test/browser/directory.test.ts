import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../bench/chromium.mjs';
import { serveSite } from '../../src/actions/serve-site.js';
import { siteCommand } from '../../src/actions/site-command.js';
import { collectOutput } from '../support/collect-output.js';
import { sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';

/** The sample workspace's directory, as a health visitor in a hurry uses it. */
const NOW = new Date('2026-12-07T12:00:00Z');
const WIDTHS = [375, 1280] as const;

let browser: Browser;
let ws: SampleWorkspace;
let server: Awaited<ReturnType<typeof serveSite>>;

beforeAll(async () => {
  ws = await sampleWorkspace();
  const out = `${ws.dir}/out/site`;
  await siteCommand({ dir: ws.dir, out, now: NOW }, collectOutput());
  server = await serveSite(out, 0, collectOutput());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
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
      const page = await browser.newPage({ viewport: { width, height: 812 } });
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
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 812 } });
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
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
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
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
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
