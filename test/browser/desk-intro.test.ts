import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SampleWorkspace } from '../support/workspace.js';
import { deskKeyboard } from './desk-keyboard.js';
import { deskSession } from './desk-session.js';

const TIMEOUT = 120_000;

const session = deskSession();
let ws: SampleWorkspace;
let page: Page;
beforeEach(async () => {
  const opened = await session.openSample();
  ({ ws, page } = opened);
  await page.goto(`http://127.0.0.1:${opened.desk.port}/issues/2026-12`, { waitUntil: 'domcontentloaded' });
});
const { typeInto, axeViolations } = deskKeyboard(() => page);

describe('the introduction’s preview in Chromium', () => {
  it(
    'follows the Markdown as it is typed, rendered safely, without saving; axe-clean at 1280 and 768 px',
    async () => {
      const before = await ws.read('issues/2026-12.md');
      await typeInto(page.getByLabel('Introduction (Markdown)'), 'A **bold** start <b>raw</b> [trap](javascript:alert(1))');
      // The preview follows each pause in the typing: wait for the one of the whole text (its last characters).
      await expect.poll(() => page.innerHTML('#intro-preview')).toContain('[trap](javascript:alert(1))');
      const shown = await page.innerHTML('#intro-preview');
      expect(shown).toContain('<strong>bold</strong>');
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
