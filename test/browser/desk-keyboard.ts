import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';

/** Enough Tab presses to reach any control of the longest desk page. */
const MAX_TABS = 400;
const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Keyboard-only steps on a desk page, as a coordinator without a mouse takes them. */
export function deskKeyboard(page: () => Page) {
  /** Presses Tab (Shift+Tab when it lies before the focus) until `target` has the focus: proof that the keyboard reaches it. */
  const tabTo = async (target: Locator): Promise<void> => {
    const backwards = await target.evaluate(
      (element) => document.activeElement !== null && Boolean(element.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING),
    );
    for (let presses = 0; presses < MAX_TABS; presses += 1) {
      if (await target.evaluate((element) => element === document.activeElement)) return;
      await page().keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`the keyboard never reached ${target.toString()}`);
  };
  /** Replaces the field's text by typing, as a person would. */
  const typeInto = async (target: Locator, text: string): Promise<void> => {
    await tabTo(target);
    await page().keyboard.press('ControlOrMeta+A');
    await page().keyboard.press('Delete');
    if (text !== '') await page().keyboard.type(text);
  };
  /** Enter on a link or button, waiting for the next page's document. */
  const press = async (target: Locator): Promise<void> => {
    await tabTo(target);
    await Promise.all([page().waitForEvent('domcontentloaded'), page().keyboard.press('Enter')]);
  };
  /** Enter on Save (or in a field): the page's script saves by fetch, and the page stays; waits for the answer to be in place. */
  const save = async (target: Locator): Promise<void> => {
    await tabTo(target);
    const saves = Number(await page().evaluate(() => document.body.dataset.saved ?? '0'));
    await page().keyboard.press('Enter');
    await page()
      .locator(`body[data-saved="${saves + 1}"]`)
      .waitFor();
  };
  /** axe-core's WCAG 2.2 AA violations on the page as it is. */
  const axeViolations = async (): Promise<string[]> => {
    await page().evaluate(AXE);
    const result = await page().evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> };
        }
      ).axe;
      return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };
  return { tabTo, typeInto, press, save, axeViolations };
}
