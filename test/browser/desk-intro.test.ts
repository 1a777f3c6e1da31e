import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../bench/chromium.mjs';
import { startDesk, type DeskHandle } from '../../src/desk/start-desk.js';
import type { Output } from '../../src/output.js';
import { sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';
import { deskKeyboard } from './desk-keyboard.js';

const WAIT = 20_000;
const TIMEOUT = 120_000;

let browser: Browser;
let ws: SampleWorkspace;
let desk: DeskHandle;
let page: Page;
const quiet: Output = { info: () => undefined, warn: () => undefined, problems: () => undefined, status: () => undefined, interactive: false };
const { typeInto, axeViolations } = deskKeyboard(() => page);

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  ws = await sampleWorkspace();
  desk = await startDesk({ dir: ws.dir, host: '127.0.0.1', port: 0, open: false, unsubscribeSecret: undefined }, quiet);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(WAIT);
  await page.goto(desk.url, { waitUntil: 'domcontentloaded' });
  await page.goto(`http://127.0.0.1:${desk.port}/issues/2026-12`, { waitUntil: 'domcontentloaded' });
});
afterEach(async () => {
  await page?.close();
  await desk?.close();
  await ws?.remove();
});

describe('the introduction’s preview in Chromium', () => {
  it(
    'follows the Markdown as it is typed, rendered safely, without saving; axe-clean at 1280 and 768 px',
    async () => {
      const before = await ws.read('issues/2026-12.md');
      await typeInto(page.getByLabel('Introduction (Markdown)'), 'A **bold** start <b>raw</b> [trap](javascript:alert(1))');
      await expect.poll(() => page.innerHTML('#intro-preview')).toContain('<strong>bold</strong>');
      const shown = await page.innerHTML('#intro-preview');
      expect(shown).toContain('&lt;b&gt;raw&lt;/b&gt;');
      expect(await page.locator('#intro-preview a').count()).toBe(0);
      expect(await ws.read('issues/2026-12.md')).toBe(before);
      for (const width of [1280, 768]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await axeViolations(), `at ${width} px`).toEqual([]);
      }
    },
    TIMEOUT,
  );
});
