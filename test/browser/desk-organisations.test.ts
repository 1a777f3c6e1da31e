import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/actions/check-command.js';
import type { DeskHandle } from '../../src/desk/start-desk.js';
import { zonedDate } from '../../src/time/zoned-time.js';
import type { SampleWorkspace } from '../support/workspace.js';
import { deskKeyboard } from './desk-keyboard.js';
import { ARTIFACTS, deskSession, quiet } from './desk-session.js';

const FILE = 'contacts/organisations.yaml';
const TIMEOUT = 180_000;

const session = deskSession();
let ws: SampleWorkspace;
let desk: DeskHandle;
let page: Page;
beforeEach(async () => {
  ({ ws, desk, page } = await session.openSample());
});
const { tabTo, typeInto, press, axeViolations } = deskKeyboard(() => page);

describe('the organisations on the desk, in Chromium', () => {
  it(
    'a profile edited, opted out of the spotlight and marked checked today with the keyboard only; the hand comment survives',
    async () => {
      await ws.write(FILE, (await ws.read(FILE)).replace('  - id: addaction\n', '  # Morag: call Addaction in March\n  - id: addaction\n'));
      await press(page.getByRole('link', { name: 'Organisations' }));
      await press(page.getByRole('link', { name: 'Addaction', exact: true }));
      expect(page.url()).toBe(`http://127.0.0.1:${desk.port}/organisations/addaction`);

      // A link that is not one: the validator's problem appears beside the field as it is typed.
      await typeInto(page.getByLabel('Website', { exact: true }), 'javascript:alert(1)');
      await expect.poll(() => page.textContent('#p-website')).toContain('http:// or https://');
      expect(await page.getAttribute('#website', 'aria-invalid')).toBe('true');
      await typeInto(page.getByLabel('Website', { exact: true }), 'https://example.org/addaction');
      await expect.poll(() => page.textContent('#p-website')).toBe('');
      await typeInto(page.getByLabel('Phone', { exact: true }), '0141 496 0000');
      await tabTo(page.getByRole('checkbox', { name: 'parents', exact: true }));
      await page.keyboard.press('Space');
      await tabTo(page.getByRole('checkbox', { name: /Leave the spotlight rotation/u }));
      await page.keyboard.press('Space');
      await page.screenshot({ path: join(ARTIFACTS, 'organisation.png'), fullPage: false });
      const today = zonedDate(new Date(), 'Europe/London');
      await press(page.getByRole('button', { name: 'Checked with the organisation today' }));
      expect(await page.textContent('.notice')).toContain('marked as checked with the organisation today');

      const text = await ws.read(FILE);
      expect(text).toContain('  # Morag: call Addaction in March\n  - id: addaction\n    name: Addaction\n');
      const profile = /- id: addaction\n((?: {4}.*\n| {6}.*\n)*)/u.exec(text)?.[1] ?? '';
      expect(profile).toContain('    website: https://example.org/addaction\n');
      expect(profile).toContain('    phone: 0141 496 0000\n');
      expect(profile).toContain('    for: [parents]\n');
      expect(profile).toContain('    spotlight: false\n');
      expect(profile).toMatch(new RegExp(` {4}reviewed: (${today}|${zonedDate(new Date(), 'Europe/London')})\\n`, 'u'));
      const check = await checkCommand({ dir: ws.dir, issue: '2026-12', now: new Date() }, quiet);
      expect(check.errors).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'has no axe-core violations at 1280 and 768 px, on the list, a profile and a profile with an error',
    async () => {
      for (const width of [1280, 768]) {
        await page.setViewportSize({ width, height: 900 });
        for (const path of ['/organisations', '/organisations/addaction']) {
          await page.goto(`http://127.0.0.1:${desk.port}${path}`);
          expect(await axeViolations(), `${path} at ${width} px`).toEqual([]);
        }
        await page.fill('#email', 'not an address');
        await expect.poll(() => page.textContent('#p-email')).toContain('must be an email address');
        expect(await axeViolations(), `a problem at ${width} px`).toEqual([]);
        await page.screenshot({ path: join(ARTIFACTS, `organisation-${width}.png`), fullPage: false });
      }
    },
    TIMEOUT,
  );
});
