import { chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); override with SNIPPET_CHROMIUM. */
export const CHROMIUM_PATH = process.env.SNIPPET_CHROMIUM || '/usr/bin/chromium';

/**
 * Headless, sandbox off (CI runs as root in a container), and nothing that
 * reaches the network on its own: the tests and benchmarks talk to loopback
 * only. launch() gives every run a fresh profile.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}
