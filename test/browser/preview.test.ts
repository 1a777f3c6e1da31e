import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../src/output.js';
import { startPreview, type PreviewHandle } from '../../src/actions/preview-command.js';
import { ROOT, sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';
import { browserPerFile } from './browser-per-file.js';

/** Screenshots kept as artifacts of the run (test-results/ is git-ignored). */
const ARTIFACTS = join(ROOT, 'test-results', 'preview');
/** How long a save may take to reach the page before the test fails. */
const UPDATE_WAIT = 10_000;
const ISSUE = 'issues/2026-12.md';

let ws: SampleWorkspace;
let preview: PreviewHandle;
let page: Page;
const lines: string[] = [];
const output: Output = {
  info: (line) => lines.push(line),
  warn: (line) => lines.push(line),
  problems: () => undefined,
  status: () => undefined,
  interactive: false,
};

const browser = browserPerFile(ARTIFACTS);
beforeEach(async () => {
  ws = await sampleWorkspace();
  preview = await startPreview({ dir: ws.dir, issue: '2026-12', host: '127.0.0.1', port: 0, unsubscribeSecret: undefined }, output);
  page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(UPDATE_WAIT);
  await page.goto(preview.url);
  await emailFrame(page).waitForSelector('text=Dear Morag,');
});
afterEach(async () => {
  await page?.close();
  await preview?.close();
  await ws?.remove();
});

function emailFrame(of: Page): Frame {
  const frame = of.frame({ url: /\/email\.html/u });
  if (!frame) throw new Error('the email frame has not loaded');
  return frame;
}

/** The email frame once it shows `text` (the frame is replaced on each new version). */
async function frameShowing(text: string): Promise<Frame> {
  await page.waitForFunction((wanted) => {
    const frame = document.getElementById('email') as HTMLIFrameElement | null;
    return frame?.contentDocument?.body?.innerText.includes(wanted) === true;
  }, text);
  return emailFrame(page);
}

describe('snippet preview in Chromium', () => {
  it('shows the subject, the headers, the plain text and the email', async () => {
    await expect.poll(() => page.textContent('#subject')).toBe('GGC PMHN snippet — December 2026');
    const headers = await page.textContent('#headers');
    expect(headers).toContain('snippet@example.org');
    expect(headers).toContain('List-Unsubscribe');
    expect(headers).toContain('<mailto:unsubscribe@example.org');
    expect(await page.textContent('#text')).toContain('Dear Morag,');
    expect(await page.textContent('#problems')).toContain('No problems');
    expect(await emailFrame(page).textContent('body')).toContain('3D Drumchapel');
    await page.screenshot({ path: join(ARTIFACTS, 'page-desktop.png'), fullPage: true });
  });

  it('switches the frame between desktop and a 375 px phone', async () => {
    const width = (): Promise<number> => emailFrame(page).evaluate(() => window.innerWidth);
    expect(await width()).toBeGreaterThanOrEqual(600);
    await page.click('button[data-width=phone]');
    await expect.poll(width).toBe(375);
    expect(await page.getAttribute('button[data-width=phone]', 'aria-pressed')).toBe('true');
    await page.screenshot({ path: join(ARTIFACTS, 'page-phone.png'), fullPage: true });
    await page.click('button[data-width=desktop]');
    await expect.poll(width).toBeGreaterThanOrEqual(600);
  });

  it('shows the template’s dark-mode styles in the dark view', async () => {
    const cardColour = (): Promise<string> =>
      emailFrame(page).evaluate(() => getComputedStyle(document.querySelector('div.card') ?? document.body).backgroundColor);
    expect(await cardColour()).toBe('rgb(255, 255, 255)');
    await page.click('button[data-scheme=dark]');
    await expect.poll(async () => cardColour().catch(() => 'reloading'), { timeout: UPDATE_WAIT }).toBe('rgb(31, 35, 40)');
    await page.screenshot({ path: join(ARTIFACTS, 'page-dark.png'), fullPage: true });
  });

  it('shows a saved change without a manual refresh', async () => {
    const text = await ws.read(ISSUE);
    await ws.write(ISSUE, text.replace('Welcome to the December snippet.', 'Welcome to the Hogmanay snippet.'));
    const frame = await frameShowing('Welcome to the Hogmanay snippet.');
    expect(await frame.textContent('body')).not.toContain('Welcome to the December snippet.');
    await expect.poll(() => page.textContent('#text')).toContain('Welcome to the Hogmanay snippet.');
  });

  it('updates when a template or the config is saved', async () => {
    const footer = await ws.read('templates/partials/footer.mjml.hbs');
    expect(footer).toContain('{{footer.endorsement}}');
    await ws.write('templates/partials/footer.mjml.hbs', footer.replace('{{footer.endorsement}}', 'TEMPLATE CHANGED {{footer.endorsement}}'));
    await frameShowing('TEMPLATE CHANGED');
    const config = await ws.read('snippet.config.yaml');
    await ws.write('snippet.config.yaml', config.replace(/reply_to: .*/u, 'reply_to: Changed Coordinator <changed@example.org>'));
    await expect.poll(() => page.textContent('#headers')).toContain('changed@example.org');
  });

  it('shows a YAML error with its file and line, keeps the last good version, and clears when fixed', async () => {
    const good = await ws.read(ISSUE);
    const line = good.split('\n').findIndex((l) => l.startsWith('status:')) + 1;
    await ws.write(ISSUE, good.replace('status: draft', 'status: draft: oops'));
    await page.waitForSelector(`#problems :text("${ISSUE}:${line}")`);
    expect(await page.textContent('#problems')).toContain('Showing the last good version');
    expect(await emailFrame(page).textContent('body')).toContain('Dear Morag,');
    expect(await page.textContent('#subject')).toBe('GGC PMHN snippet — December 2026');
    await page.screenshot({ path: join(ARTIFACTS, 'page-error.png'), fullPage: true });

    await ws.write(ISSUE, good.replace('Welcome to the December snippet.', 'Welcome back.'));
    await frameShowing('Welcome back.');
    await expect.poll(() => page.textContent('#problems')).toContain('No problems');
    expect(await page.textContent('#problems')).not.toContain(ISSUE);
  });

  it('keeps serving through broken organisations and a deleted issue', async () => {
    await ws.write('contacts/organisations.yaml', 'organisations: [');
    await page.waitForSelector('#problems :text("contacts/organisations.yaml")');
    await rm(join(ws.dir, ISSUE));
    await page.waitForSelector('#problems :text("does not exist")');
    expect(await page.textContent('#problems')).toContain('Showing the last good version');
    expect((await fetch(`${preview.url}state.json`)).status).toBe(200);
  });
});

describe('the email at phone and desktop widths', () => {
  for (const width of [600, 375]) {
    it(`renders at ${width} px without sideways scrolling (screenshot kept)`, async () => {
      const single = await browser().newPage({ viewport: { width, height: 900 } });
      try {
        await single.goto(`${preview.url}email.html`);
        expect(await single.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await single.screenshot({ path: join(ARTIFACTS, `email-${width}.png`), fullPage: true });
      } finally {
        await single.close();
      }
    });
  }
});
