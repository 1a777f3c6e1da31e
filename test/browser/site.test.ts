import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite } from '../../src/actions/serve-site.js';
import { siteCommand } from '../../src/actions/site-command.js';
import { collectOutput } from '../support/collect-output.js';
import { SITE_NOW, siteWorkspace, type SiteWorkspace } from '../support/site-workspace.js';
import { ROOT } from '../support/workspace.js';
import { pagesOf, readSite } from '../site/site-output.js';
import { browserPerFile } from './browser-per-file.js';

/** Screenshots kept as artifacts of the run (test-results/ is git-ignored). */
const ARTIFACTS = join(ROOT, 'test-results', 'site');

const browser = browserPerFile(ARTIFACTS);
let ws: SiteWorkspace;
let server: Awaited<ReturnType<typeof serveSite>>;
let pages: string[];

beforeAll(async () => {
  ws = await siteWorkspace();
  await siteCommand({ dir: ws.dir, out: undefined, now: SITE_NOW }, collectOutput());
  pages = pagesOf(await readSite(ws.out)).map(([name]) => name.replace(/index\.html$/u, ''));
  server = await serveSite(ws.out, 0, collectOutput());
});
afterAll(async () => {
  await server?.close();
  await ws?.remove();
});

describe('the website in Chromium', () => {
  it('never scrolls sideways at 375 px or 1280 px, on any page', async () => {
    expect(pages.length).toBeGreaterThan(10);
    for (const width of [375, 1280]) {
      const page = await browser().newPage({ viewport: { width, height: 800 } });
      const wide: string[] = [];
      for (const path of pages) {
        await page.goto(`${server.url}${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) wide.push(`${path} (${overflow} px too wide)`);
      }
      await page.goto(`${server.url}issues/2026-09/`);
      await page.screenshot({ path: join(ARTIFACTS, `issue-${width}.png`), fullPage: true });
      await page.close();
      expect(wide, `at ${width} px`).toEqual([]);
    }
  });

  it('filters the directory by area without JavaScript', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}services/`);
    expect(await page.isVisible('form.search')).toBe(false);
    await page.click('#filters a:text-is("Glasgow South")');
    expect(new URL(page.url()).pathname).toMatch(/\/areas\/glasgow-south\/$/u);
    const listed = await page.locator('#services > li h3').allInnerTexts();
    expect(listed).toEqual(['Bluebell Centre', 'Dads Together', 'Nightlight Doulas']);
    await page.screenshot({ path: join(ARTIFACTS, 'area-no-js-375.png'), fullPage: true });
    await context.close();
  });

  it('searches the directory with JavaScript, using the copy of MiniSearch on the site', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 800 } });
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) elsewhere.push(request.url());
    });
    await page.goto(`${server.url}services/`);
    await page.waitForSelector('form.search', { state: 'visible', timeout: 10_000 });
    await page.fill('#search', 'doula');
    await page.waitForFunction(() => document.getElementById('results')?.textContent === 'Services matching “doula” (1)', undefined, { timeout: 10_000 });
    expect(await page.locator('#services > li:not([hidden]) h3').allInnerTexts()).toEqual(['Nightlight Doulas']);
    await page.fill('#search', 'glasgow');
    await page.waitForFunction(() => document.getElementById('results')?.textContent === 'Services matching “glasgow” (3)', undefined, { timeout: 10_000 });
    await page.fill('#search', '');
    await page.waitForFunction(() => document.querySelectorAll('#services > li[hidden]').length === 0, undefined, { timeout: 10_000 });
    expect(elsewhere).toEqual([]);
    await page.close();
  });

  it('keeps text at 4.5:1 or more against its background, light and dark', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 800 } });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of ['issues/2026-09/', 'services/']) {
        await page.goto(`${server.url}${path}`);
        const pairs = await page.evaluate(() => {
          const background = (element: Element | null): string => {
            for (let node = element; node; node = node.parentElement) {
              const colour = getComputedStyle(node).backgroundColor;
              if (colour !== 'rgba(0, 0, 0, 0)') return colour;
            }
            return 'rgb(255, 255, 255)';
          };
          return ['body', 'main a', '.meta', '.endorsement', '.badge', '.masthead a', '.site-footer a']
            .map((selector) => document.querySelector(selector))
            .filter((element): element is Element => element !== null)
            .map((element) => ({ what: element.className || element.tagName, fg: getComputedStyle(element).color, bg: background(element) }));
        });
        expect(pairs.length).toBeGreaterThan(4);
        for (const pair of pairs) expect(contrast(pair.fg, pair.bg), `${scheme} ${path} ${pair.what} ${pair.fg} on ${pair.bg}`).toBeGreaterThanOrEqual(4.5);
      }
    }
    await page.close();
  });

  it('shows where the keyboard is, and turns dark in dark mode', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}issues/2026-09/`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const focused = document.activeElement as HTMLElement;
      const style = getComputedStyle(focused);
      return { tag: focused.tagName, style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline).toMatchObject({ tag: 'A', style: 'solid' });
    expect(outline.width).toBeGreaterThanOrEqual(2);
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(light).toBe('rgb(255, 255, 255)');
    expect(dark).toBe('rgb(18, 20, 23)');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: join(ARTIFACTS, 'issue-dark-375.png'), fullPage: true });
    await page.close();
  });
});

describe('the focus ring on the header', () => {
  it('keeps 3:1 or more against the purple header, light and dark (WCAG 1.4.11; it was 2.23:1)', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 800 } });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${server.url}services/`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const ring = await page.evaluate(() => {
        const focused = document.activeElement as HTMLElement;
        return {
          inHeader: focused.closest('.masthead') !== null,
          outline: getComputedStyle(focused).outlineColor,
          header: getComputedStyle(document.querySelector('.masthead')!).backgroundColor,
        };
      });
      expect(ring.inHeader).toBe(true);
      expect(contrast(ring.outline, ring.header), `${scheme}: ${ring.outline} on ${ring.header}`).toBeGreaterThanOrEqual(3);
    }
    await page.close();
  });
});

/** WCAG 2 contrast ratio of two CSS rgb() colours. */
function contrast(foreground: string, background: string): number {
  const luminance = (colour: string): number => {
    const [r, g, b] = (colour.match(/\d+(\.\d+)?/gu) ?? []).slice(0, 3).map((part) => {
      const channel = Number(part) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
