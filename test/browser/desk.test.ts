import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/actions/check-command.js';
import type { DeskHandle } from '../../src/desk/start-desk.js';
import type { SampleWorkspace } from '../support/workspace.js';
import { deskKeyboard } from './desk-keyboard.js';
import { ARTIFACTS, deskSession, quiet } from './desk-session.js';

/** The whole month, typed key by key. */
const MONTH_TIMEOUT = 180_000;

const session = deskSession();
let ws: SampleWorkspace;
let desk: DeskHandle;
let page: Page;
beforeEach(async () => {
  ({ ws, desk, page } = await session.openSample());
});

// The keyboard and axe helpers every desk page's test shares, on this file's page.
const { tabTo, typeInto, press, axeViolations } = deskKeyboard(() => page);

describe('the desk in Chromium', () => {
  it(
    'a month started, drafted, checked as typed and approved with the keyboard only; the hand comment survives',
    async () => {
      await expect.poll(() => page.url()).toBe(`http://127.0.0.1:${desk.port}/`);
      await page.screenshot({ path: join(ARTIFACTS, 'issues.png'), fullPage: true });
      await press(page.getByRole('button', { name: 'Start next month' }));
      await expect.poll(() => page.url()).toContain('/issues/2027-01');
      expect(await page.textContent('.notice')).toContain('spotlight  Addaction');

      // A comment written by hand in a text editor, before the desk changes anything else.
      const file = 'issues/2027-01.md';
      await ws.write(file, (await ws.read(file)).replace('status: draft', 'status: draft\n# Morag: ask Addaction for a photo'));
      await page.reload({ waitUntil: 'domcontentloaded' });

      await typeInto(page.getByLabel('Subject', { exact: true }), 'GGC PMHN snippet — January 2027: new year, new groups');
      await typeInto(page.getByLabel('Preheader'), 'Addaction in the spotlight, peer support training and three funds still open.');
      await typeInto(page.getByLabel('Introduction (Markdown)'), 'Happy new year to every member organisation.');
      await typeInto(page.locator('#spotlight_note'), 'Addaction runs a new Tuesday group for parents in recovery.');
      await press(page.getByRole('button', { name: 'Add an item to research' }));
      expect(await page.textContent('.notice')).toContain('Saved at');

      const title = page.locator('#research-0-title');
      await typeInto(title, 'Peer support in perinatal mental health: a review');
      // A link that is not one: the validator's problem appears beside the field as it is typed.
      await typeInto(page.locator('#research-0-url'), 'javascript:alert(1)');
      await expect.poll(() => page.textContent('#p-research-0-url')).toContain('http:// or https://');
      expect(await page.getAttribute('#research-0-url', 'aria-invalid')).toBe('true');
      await typeInto(page.locator('#research-0-url'), 'https://example.org/review');
      await expect.poll(() => page.textContent('#p-research-0-url')).toBe('');
      await typeInto(page.locator('#research-0-summary'), 'What peer supporters add beside specialist teams.');
      await page.screenshot({ path: join(ARTIFACTS, 'editor.png'), fullPage: false });

      await press(page.getByRole('button', { name: 'Approve' }));
      const notice = await page.textContent('.notice');
      expect(notice).toContain('approved');
      expect(notice).toMatch(/sends it at 2027-01-05 09:00 \(Europe\/London\) to \d+ members/u);

      const text = await ws.read(file);
      expect(text).toContain('# Morag: ask Addaction for a photo');
      expect(text).toContain('status: approved');
      expect(text).toContain('  - title: "Peer support in perinatal mental health: a review"\n    url: https://example.org/review\n');
      const check = await checkCommand({ dir: ws.dir, issue: '2027-01', now: new Date('2026-12-20T12:00:00Z') }, quiet);
      expect(check.errors).toBe(0);
    },
    MONTH_TIMEOUT,
  );

  it(
    'refuses a save over a hand edit, says so on the same page, and keeps what was typed',
    async () => {
      await page.goto(`http://127.0.0.1:${desk.port}/issues/2026-12`, { waitUntil: 'domcontentloaded' });
      // Set on this page's window: still there after the save proves the page was not loaded again.
      await page.evaluate(() => Object.assign(window, { deskMarker: 'the same page' }));
      const file = 'issues/2026-12.md';
      const edited = (await ws.read(file)).replace('status: draft', 'status: draft # checked by hand');
      await ws.write(file, edited);
      await typeInto(page.getByLabel('Preheader'), 'Typed in the desk');
      await tabTo(page.getByRole('button', { name: 'Save' }));
      await page.keyboard.press('Enter');
      await page.locator('.conflict').waitFor();
      expect(await page.textContent('.conflict')).toContain('changed on disk since you opened it');
      expect(await page.getAttribute('.conflict', 'role')).toBe('alert');
      expect(await page.inputValue('#preheader')).toBe('Typed in the desk');
      expect(await page.evaluate(() => (window as unknown as { deskMarker?: string }).deskMarker)).toBe('the same page');
      expect(await page.locator('#notice').isHidden()).toBe(true);
      // The keyboard is where it was: on Save, with the form as typed around it.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save');
      expect(await axeViolations(), 'the conflict in place').toEqual([]);
      expect(await ws.read(file)).toBe(edited);
      await page.screenshot({ path: join(ARTIFACTS, 'conflict.png') });
      await page.getByRole('link', { name: 'reload the file as it is now' }).click();
      expect(await page.inputValue('#preheader')).not.toBe('Typed in the desk');
    },
    MONTH_TIMEOUT,
  );

  it(
    'has no axe-core violations at 1280 and 768 px, on the list and in the editor',
    async () => {
      for (const width of [1280, 768]) {
        await page.setViewportSize({ width, height: 900 });
        for (const path of ['/', '/issues/2026-12']) {
          await page.goto(`http://127.0.0.1:${desk.port}${path}`);
          expect(await axeViolations(), `${path} at ${width} px`).toEqual([]);
        }
        await page.screenshot({ path: join(ARTIFACTS, `editor-${width}.png`), fullPage: false });
      }
    },
    MONTH_TIMEOUT,
  );
});
