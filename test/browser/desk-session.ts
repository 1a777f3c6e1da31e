import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { startDesk, type DeskHandle } from '../../src/desk/start-desk.js';
import type { Output } from '../../src/output.js';
import { ROOT, sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';
import { browserPerFile } from './browser-per-file.js';

/** Screenshots kept as artifacts of the run (test-results/ is git-ignored); docs/desk.md uses them. */
export const ARTIFACTS = join(ROOT, 'test-results', 'desk');
/** Generous: on a loaded two-core machine one step of the month has taken over 10 s. */
const WAIT = 20_000;

/** Output that prints nothing: the desk's address line, and the actions the tests call beside it. */
export const quiet: Output = { info: () => undefined, warn: () => undefined, problems: () => undefined, status: () => undefined, interactive: false };

export interface DeskSessionOptions {
  /** Where a send's SMTP settings come from; none by default. */
  env?: NodeJS.ProcessEnv;
  /** The desk's clock, as an ISO time; the system's by default. */
  now?: string;
  unsubscribeSecret?: string;
  /** False: a browser with JavaScript switched off, as the desk must work without it. */
  javaScript?: boolean;
}

/**
 * The set-up every desk browser test shares, as hooks of the calling file: Chromium launched once for the file;
 * per test, a desk on a workspace and a page of Chromium signed in to it with the desk's token, all closed after
 * the test, last opened first closed.
 */
export function deskSession() {
  const browser = browserPerFile(ARTIFACTS);
  const cleanup: Array<() => Promise<void>> = [];

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  /** Runs `step` after the test, before the steps deferred earlier. */
  const defer = (step: () => Promise<void>): void => {
    cleanup.push(step);
  };

  /** A desk on `dir`, and a page of Chromium signed in to it (on the desk's first page). */
  const open = async (dir: string, options: DeskSessionOptions = {}): Promise<{ desk: DeskHandle; page: Page }> => {
    const { env, now, unsubscribeSecret, javaScript = true } = options;
    const desk = await startDesk(
      { dir, host: '127.0.0.1', port: 0, open: false, unsubscribeSecret, ...(env ? { env } : {}), ...(now ? { now: () => new Date(now) } : {}) },
      quiet,
    );
    defer(() => desk.close());
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: javaScript });
    defer(() => page.close());
    page.setDefaultTimeout(WAIT);
    await page.goto(desk.url, { waitUntil: 'domcontentloaded' });
    return { desk, page };
  };

  /** A copy of the sample workspace, removed after the test, and a desk with a signed-in page on it. */
  const openSample = async (options: DeskSessionOptions = {}): Promise<{ ws: SampleWorkspace; desk: DeskHandle; page: Page }> => {
    const ws = await sampleWorkspace();
    defer(() => ws.remove());
    return { ws, ...(await open(ws.dir, options)) };
  };

  return { open, openSample, defer };
}
