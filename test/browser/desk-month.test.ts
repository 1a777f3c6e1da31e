import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/actions/check-command.js';
import type { DeskHandle } from '../../src/desk/start-desk.js';
import { writeMicrosoftFormsXlsx } from '../support/form-exports.js';
import { sendWorkspace } from '../support/send-workspace.js';
import { startSmtpServer } from '../support/smtp-test-server.js';
import { sampleWorkspace } from '../support/workspace.js';
import { deskKeyboard } from './desk-keyboard.js';
import { ARTIFACTS, deskSession, quiet } from './desk-session.js';

/** The whole month, typed key by key. */
const MONTH_TIMEOUT = 300_000;

const session = deskSession();
let page: Page;
const { tabTo, typeInto, press, save, axeViolations } = deskKeyboard(() => page);

async function smtpServer() {
  const server = await startSmtpServer();
  session.defer(() => server.close());
  return server;
}

/** A desk on `dir` with SMTP settings, and a page of Chromium signed in to it. */
async function openDesk(dir: string, env: NodeJS.ProcessEnv, now?: string): Promise<DeskHandle> {
  const opened = await session.open(dir, { env, now, unsubscribeSecret: 'desk-unsubscribe-secret-0123456789' });
  page = opened.page;
  return opened.desk;
}

const QUESTIONS = ['Title', 'What are you sharing?', 'Summary', 'Link', 'Date', 'Location', 'Cost', 'Your organisation', 'Your name', 'Your email'];
const RESPONSES = [
  {
    'What are you sharing?': 'Training or event',
    Title: 'Perinatal CBT skills day',
    Link: 'https://example.org/cbt',
    Summary: 'A day of practice for staff new to perinatal CBT.',
    Date: new Date(Date.UTC(2027, 0, 21)),
    Location: 'Glasgow',
    Cost: '£20',
    'Your organisation': 'Home Start Glasgow North',
  },
  { 'What are you sharing?': 'Research', Title: 'Fathers and sleep: a review', Link: 'https://example.org/research/sleep', Summary: 'What we found.' },
  { 'What are you sharing?': 'News', Title: 'Our new Saturday group', Summary: 'Drop in from 10am.', 'Your organisation': 'Fathers Network Scotland' },
];

describe('a whole month at the desk in Chromium', () => {
  it(
    'ten items, three from an uploaded Forms .xlsx, drafted, previewed, test-sent and approved without touching a file',
    async () => {
      const ws = await sampleWorkspace();
      session.defer(() => ws.remove());
      const config = await ws.read('snippet.config.yaml');
      await ws.write('snippet.config.yaml', config.replace('  role: network coordinator\n', '  role: network coordinator\n  email: morag@example.org\n'));
      const server = await smtpServer();
      const desk = await openDesk(ws.dir, { SNIPPET_SMTP_URL: server.url });

      await press(page.getByRole('button', { name: 'Start next month' }));
      await expect.poll(() => page.url()).toContain('/issues/2027-01');
      const file = 'issues/2027-01.md';
      // A comment written by hand in a text editor, before the desk changes anything.
      await ws.write(file, (await ws.read(file)).replace('status: draft', 'status: draft\n# Morag: ask Addaction for a photo'));
      await page.reload({ waitUntil: 'domcontentloaded' });
      const carried = (await ws.read(file)).match(/^ {2}- title: /gmu)?.length ?? 0;
      expect(carried).toBe(4);

      await typeInto(page.getByLabel('Subject', { exact: true }), 'GGC PMHN snippet — January 2027: new year, new groups');
      await typeInto(page.getByLabel('Preheader'), 'Addaction in the spotlight, a CBT skills day and three funds still open.');
      await typeInto(page.getByLabel('Introduction (Markdown)'), 'Happy new year to every member organisation.');
      await typeInto(page.locator('#spotlight_note'), 'Addaction runs a new Tuesday group for parents in recovery.');
      const typed = [
        { section: 'research', index: 0, title: 'Peer support in perinatal mental health: a review', url: 'https://example.org/review' },
        { section: 'research', index: 1, title: 'Dads’ wellbeing in the first year: a survey', url: 'https://example.org/dads' },
        { section: 'news', index: 0, title: 'A new perinatal team in Inverclyde', url: '' },
      ];
      for (const item of typed) {
        await press(page.getByRole('button', { name: `Add an item to ${item.section}` }));
        const prefix = `#${item.section}-${item.index}`;
        await typeInto(page.locator(`${prefix}-title`), item.title);
        if (item.url) await typeInto(page.locator(`${prefix}-url`), item.url);
        await typeInto(page.locator(`${prefix}-summary`), `What ${item.title.toLowerCase()} means for families.`);
      }
      await save(page.getByRole('button', { name: 'Save' }));
      expect(await page.textContent('.notice')).toContain('Saved at');

      // The members' form responses: the file is chosen (a file chooser has no keys to press), the rest by keyboard.
      const xlsx = join(ws.dir, 'responses.xlsx');
      await writeMicrosoftFormsXlsx(xlsx, QUESTIONS, RESPONSES);
      await page.locator('#responses-file').setInputFiles(xlsx);
      await press(page.getByRole('button', { name: 'Check the responses' }));
      expect(await page.textContent('#report')).toContain('would add  row 2  training: "Perinatal CBT skills day"');
      await press(page.getByRole('button', { name: 'Add 3 items to 2027-01' }));
      expect(await page.textContent('.notice')).toContain('3 added');

      // Previewed: the saved email beside the form has the typed items and the uploaded ones.
      const email = page.frameLocator('#email');
      for (const title of ['Peer support in perinatal mental health: a review', 'Perinatal CBT skills day', 'Our new Saturday group']) {
        await email.getByText(title, { exact: false }).first().waitFor();
      }
      await page.screenshot({ path: join(ARTIFACTS, 'month.png'), fullPage: false });

      // A test to the coordinator's address from the config, to the SMTP server on loopback.
      expect(await page.inputValue('#test-to')).toBe('morag@example.org');
      await press(page.getByRole('button', { name: 'Send a test' }));
      expect(await page.textContent('.notice')).toMatch(/Test sent to morag@example\.org at \d\d:\d\d: the mail server took it/u);
      expect(server.messages.map((m) => m.to)).toEqual([['morag@example.org']]);
      expect(server.messages[0]!.raw.toString('utf8')).toMatch(/^Subject: \[TEST\] /mu);
      await page.screenshot({ path: join(ARTIFACTS, 'test-send.png'), fullPage: false });

      await press(page.getByRole('button', { name: 'Approve' }));
      expect(await page.textContent('.notice')).toMatch(/Saved and approved at .* sends it at 2027-01-05 09:00 \(Europe\/London\)/u);

      const text = await ws.read(file);
      expect(text).toContain('# Morag: ask Addaction for a photo');
      expect(text).toContain('status: approved');
      expect(text.match(/^ {2}- title: /gmu)).toHaveLength(10);
      const check = await checkCommand({ dir: ws.dir, issue: '2027-01', now: new Date('2026-12-20T12:00:00Z') }, quiet);
      expect(check.errors).toBe(0);
      expect(desk.port).toBeGreaterThan(0);
    },
    MONTH_TIMEOUT,
  );

  it(
    'keyboard only: send now before its time, with the explicit early yes, followed to its end; members found and unsubscribed',
    async () => {
      const ws = await sendWorkspace({ members: 3 });
      session.defer(() => ws.remove());
      const server = await smtpServer();
      await openDesk(ws.dir, { SNIPPET_SMTP_URL: server.url }, '2026-11-20T12:00:00Z');
      await page.goto(page.url().replace(/\/$/u, '/issues/2026-12'), { waitUntil: 'domcontentloaded' });

      await press(page.getByRole('link', { name: 'Send now…' }));
      expect(await page.textContent('main')).toContain('Sending now sends it before then');
      await tabTo(page.getByLabel('Yes, send it now, before its scheduled time'));
      await page.keyboard.press('Space');
      await press(page.getByRole('button', { name: 'Send to 3 members now' }));
      await page.locator('body[data-sent="sent"]').waitFor();
      expect(await page.textContent('#sending')).toContain('3 of 3 done: 3 delivered, 0 not.');
      expect(server.messages).toHaveLength(3);
      await page.screenshot({ path: join(ARTIFACTS, 'send-now.png'), fullPage: false });
      await press(page.getByRole('link', { name: 'See who got it' }));
      expect(await page.textContent('main')).toMatch(/Delivered\s*3/u);

      await press(page.getByRole('link', { name: 'Members' }));
      await typeInto(page.getByLabel('Find a member (name, email or organisation)'), 'member00002');
      await press(page.getByRole('button', { name: 'Find' }));
      await typeInto(page.getByLabel('Reason'), 'asked by phone');
      await press(page.getByRole('button', { name: 'Unsubscribe member00002@example.org' }));
      expect(await page.textContent('.notice')).toContain('member00002@example.org is suppressed');
      expect(await ws.read('contacts/suppressions.csv')).toContain('member00002@example.org,2026-11-20,asked by phone');
      await page.screenshot({ path: join(ARTIFACTS, 'members.png'), fullPage: false });
    },
    MONTH_TIMEOUT,
  );

  it(
    'has no axe-core violations at 1280 and 768 px on the new pages: test and send, send now, a send followed, members',
    async () => {
      const ws = await sendWorkspace({ members: 3 });
      session.defer(() => ws.remove());
      const server = await smtpServer();
      const desk = await openDesk(ws.dir, { SNIPPET_SMTP_URL: server.url }, '2026-11-20T12:00:00Z');
      const base = `http://127.0.0.1:${desk.port}`;
      await page.goto(`${base}/issues/2026-12/send`, { waitUntil: 'domcontentloaded' });
      await tabTo(page.getByLabel('Yes, send it now, before its scheduled time'));
      await page.keyboard.press('Space');
      await press(page.getByRole('button', { name: 'Send to 3 members now' }));
      await page.locator('body[data-sent="sent"]').waitFor();
      for (const width of [1280, 768]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await axeViolations(), `a send followed at ${width} px`).toEqual([]);
      }
      for (const width of [1280, 768]) {
        await page.setViewportSize({ width, height: 900 });
        for (const path of ['/issues/2026-12', '/issues/2026-12/send', '/members', '/members?q=member']) {
          await page.goto(`${base}${path}`, { waitUntil: 'domcontentloaded' });
          expect(await axeViolations(), `${path} at ${width} px`).toEqual([]);
        }
      }
    },
    MONTH_TIMEOUT,
  );
});
