import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DeskHandle } from '../../src/desk/start-desk.js';
import type { SampleWorkspace } from '../support/workspace.js';
import { deskKeyboard } from './desk-keyboard.js';
import { deskSession } from './desk-session.js';

const TIMEOUT = 120_000;
const FILE = 'issues/2026-12.md';

const session = deskSession();
let ws: SampleWorkspace;
let desk: DeskHandle;
let page: Page;
const { tabTo, typeInto, press, save, axeViolations } = deskKeyboard(() => page);

/** The sample workspace's desk, on December's editor. */
async function openEditor(javaScript = true): Promise<void> {
  ({ ws, desk, page } = await session.openSample({ javaScript }));
  await page.goto(`http://127.0.0.1:${desk.port}/issues/2026-12`, { waitUntil: 'domcontentloaded' });
}

/** Set on the page's window: still there after a save proves the page was not loaded again. */
const mark = (): Promise<unknown> => page.evaluate(() => Object.assign(window, { deskMarker: 'the same page' }));
const marked = (): Promise<unknown> => page.evaluate(() => (window as unknown as { deskMarker?: string }).deskMarker);
/** The email's frame (sandboxed: read through Playwright's frame, not the page's DOM). */
const emailText = async (): Promise<string> => (await page.frame({ url: /\/email\.html/u })?.textContent('body')) ?? '';
/** Resolves at the next load of the email's frame. */
const frameLoaded = (): Promise<unknown> =>
  page.evaluate(() => new Promise((resolve) => document.getElementById('email')!.addEventListener('load', resolve, { once: true })));

describe('saving in Chromium, without loading the page again', () => {
  it(
    'Enter in a field saves by fetch: the notice, the problems and the email frame follow, on the same page',
    async () => {
      await openEditor();
      await mark();
      const history = await page.evaluate(() => window.history.length);
      await page.fill('#intro', 'Welcome to the Kestrel snippet.');
      await tabTo(page.locator('#subject'));
      const loaded = frameLoaded();
      await save(page.locator('#subject'));
      await loaded;
      expect(await emailText()).toContain('Kestrel');
      expect(await page.textContent('#notice')).toMatch(/^Saved at \d\d:\d\d\.$/u);
      expect(await ws.read(FILE)).toContain('Welcome to the Kestrel snippet.');
      expect(await marked()).toBe('the same page');
      // The frame was loaded in place: Back still leaves the desk's page, not the frame's last email.
      expect(await page.evaluate(() => window.history.length)).toBe(history);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('subject');

      // A bad link, saved. Its problem is taken off the page first, so only the save's answer can put it back.
      await page.fill('#research-1-url', 'javascript:alert(1)');
      await expect.poll(() => page.textContent('#p-research-1-url')).toContain('http:// or https://');
      await page.evaluate(() => {
        document.getElementById('p-research-1-url')!.replaceChildren();
        document.getElementById('research-1-url')!.removeAttribute('aria-invalid');
        document.getElementById('todo')!.replaceChildren();
      });
      const again = frameLoaded();
      await save(page.locator('#research-1-url'));
      await again;
      expect(await page.textContent('#p-research-1-url')).toContain('http:// or https://');
      expect(await page.getAttribute('#research-1-url', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('#research-1-url', 'aria-describedby')).toBe('p-research-1-url');
      expect(await page.textContent('#todo')).toContain('Fix 1 problem marked “error”');
      expect(await emailText()).toContain('cannot be shown until 1 error is fixed');
      expect(await ws.read(FILE)).toContain('url: javascript:alert(1)');
      expect(await marked()).toBe('the same page');
      expect(await axeViolations()).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a new item saved by fetch is written once, then changed and moved as the saved item it now is',
    async () => {
      await openEditor();
      await press(page.getByRole('button', { name: 'Add an item to news' }));
      const count = (text: string): number => text.match(/^ {2}- title: /gmu)?.length ?? 0;
      const before = count(await ws.read(FILE));
      const last = (await page.locator('#h-news ~ fieldset.item').count()) - 1;
      const title = page.locator(`#news-${last}-title`);
      await typeInto(title, 'A new group in Paisley');
      await typeInto(page.locator(`#news-${last}-summary`), 'Fridays from 10am.');
      await mark();
      await save(title);
      expect(count(await ws.read(FILE))).toBe(before + 1);
      // Its buttons are those of a saved item now, named after its title.
      expect(await page.getAttribute(`button[value="remove:news.${last}"]`, 'aria-label')).toBe('Remove: “A new group in Paisley”');
      await typeInto(title, 'A new group in Paisley, on Fridays');
      await save(title);
      const text = await ws.read(FILE);
      expect(count(text)).toBe(before + 1);
      expect(text).toContain('A new group in Paisley, on Fridays');
      expect(await marked()).toBe('the same page');
      // A saved item moves: the form knows where it is in the file now (a new one would stay last).
      await press(page.getByRole('button', { name: 'Move up: “A new group in Paisley, on Fridays”' }));
      const moved = await ws.read(FILE);
      const news = moved.slice(moved.indexOf('\nnews:'));
      expect(news.match(/^ {2}- title: (.*)$/gmu)?.at(-2)).toContain('A new group in Paisley, on Fridays');
    },
    TIMEOUT,
  );

  it(
    'a field over the bound is refused beside it, with the focus on it, and nothing typed is lost',
    async () => {
      await openEditor();
      const before = await ws.read(FILE);
      await mark();
      const long = 'x'.repeat(20_001);
      await page.fill('#training-0-title', long);
      // The check as typed says so first; the save's answer is then the last word.
      await page.locator('#training-0-title[aria-invalid="true"]').waitFor();
      await save(page.getByRole('button', { name: 'Save' }));
      expect(await page.textContent('#p-training-0-title')).toContain('20,001 characters long');
      expect(await page.textContent('#todo')).toBe('Nothing was saved: fix the field marked below.');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('training-0-title');
      expect(await page.inputValue('#training-0-title')).toBe(long);
      expect(await ws.read(FILE)).toBe(before);
      expect(await marked()).toBe('the same page');
    },
    TIMEOUT,
  );
});

describe('saving in Chromium when the desk does not answer', () => {
  it(
    'the desk stopped in the middle of a save: the page stays, with what was typed and plain words on what to do',
    async () => {
      await openEditor();
      const before = await ws.read(FILE);
      const address = page.url();
      await mark();
      await page.fill('#intro', 'Typed just before the desk stopped.');
      // The save has left the page when the desk stops; it then reaches a desk that is no longer there.
      await page.route(/\/issues\/2026-12$/u, async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        await desk.close();
        return route.continue();
      });
      await page.locator('#intro').focus();
      await page.getByRole('button', { name: 'Save' }).first().press('Enter');
      const alert = page.getByRole('alert').filter({ hasText: 'The desk did not answer' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('copy anything you want to keep, then start the desk again (snippet desk)');
      expect(await page.inputValue('#intro')).toBe('Typed just before the desk stopped.');
      expect(await marked()).toBe('the same page');
      expect(page.url()).toBe(address);
      expect(await ws.read(FILE)).toBe(before);
      expect(await page.isHidden('#notice')).toBe(true);
    },
    TIMEOUT,
  );
});

describe('saving in Chromium with JavaScript switched off', () => {
  it(
    'the form posts and the page loads again, with the notice, the problems and the email as saved; a conflict is shown the same',
    async () => {
      await openEditor(false);
      await page.fill('#intro', 'Welcome to the Heron snippet.');
      await page.fill('#research-1-url', 'javascript:alert(1)');
      await Promise.all([page.waitForEvent('load'), page.press('#subject', 'Enter')]);
      expect(await page.textContent('.notice')).toContain('Saved at');
      expect(await page.textContent('#p-research-1-url')).toContain('http:// or https://');
      expect(await ws.read(FILE)).toContain('Welcome to the Heron snippet.');
      expect(await emailText()).toContain('cannot be shown until 1 error is fixed');
      await page.fill('#research-1-url', 'https://example.org/heron');
      await Promise.all([page.waitForEvent('load'), page.press('#subject', 'Enter')]);
      expect(await emailText()).toContain('Heron');

      const edited = (await ws.read(FILE)).replace('status: draft', 'status: draft # checked by hand');
      await ws.write(FILE, edited);
      await page.fill('#preheader', 'Typed with no script');
      await Promise.all([page.waitForEvent('load'), page.press('#subject', 'Enter')]);
      expect(await page.textContent('.conflict')).toContain('changed on disk since you opened it');
      expect(await page.inputValue('#preheader')).toBe('Typed with no script');
      expect(await ws.read(FILE)).toBe(edited);
    },
    TIMEOUT,
  );
});
