import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../bench/chromium.mjs';

/**
 * Chromium for the calling test file, as hooks of that file: launched once
 * before its tests (with `artifacts`, the folder its screenshots go to, made,
 * when it takes screenshots), closed after them. Returns the browser, for a test or a hook that runs after
 * the launch.
 */
export function browserPerFile(artifacts?: string): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    if (artifacts !== undefined) await mkdir(artifacts, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is used from a test or a hook, after Chromium is launched');
    return browser;
  };
}
