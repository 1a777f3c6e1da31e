// Time from saving the issue to the updated preview page, in real Chromium.
// Run after `npm run build`: node bench/preview-reload.mjs
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAVES = 20;
const GOAL_MS = 300;
const ISSUE = 'issues/2026-12.md';
const SENTENCE = 'Welcome to the December snippet.';

/**
 * Saves the sample issue SAVES times, each time with a new word in the
 * introduction, and measures from just before the write to the moment the
 * page has swapped in the email that shows the word (the page stamps that
 * moment when its frame has loaded the new version).
 */
export async function run() {
  const { startPreview } = await import('../dist/actions/preview-command.js');
  const dir = await mkdtemp(join(tmpdir(), 'snippet-bench-'));
  const quiet = { info: () => {}, warn: () => {}, problems: () => {}, interactive: false };
  let browser;
  let preview;
  try {
    for (const part of ['snippet.config.yaml', 'contacts', 'issues', 'templates']) await cp(join(ROOT, part), join(dir, part), { recursive: true });
    const original = await readFile(join(dir, ISSUE), 'utf8');
    preview = await startPreview({ dir, issue: '2026-12', host: '127.0.0.1', port: 0, unsubscribeSecret: undefined }, quiet);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(preview.url);
    await page.evaluate(() => {
      window.__updates = [];
      new MutationObserver(() => window.__updates.push({ generation: Number(document.documentElement.dataset.generation), at: Date.now() })).observe(
        document.documentElement,
        { attributes: true, attributeFilter: ['data-generation'] },
      );
    });

    const times = [];
    // Save 0 warms up (MJML's first render is slower) and is not counted.
    for (let save = 0; save <= SAVES; save += 1) {
      const word = `Benchmark${save}x`;
      const before = await page.evaluate(() => window.__updates.length);
      const started = Date.now();
      await writeFile(join(dir, ISSUE), original.replace(SENTENCE, `Welcome to the ${word} snippet.`));
      await page.waitForFunction(
        ({ word, before }) => window.__updates.length > before && document.getElementById('email')?.contentDocument?.body?.innerText.includes(word),
        { word, before },
        { timeout: 10_000, polling: 'raf' },
      );
      const shown = await page.evaluate((word) => {
        // The first update whose frame has the word; later ones (a repeated watch event) do not count.
        const body = document.getElementById('email').contentDocument.body.innerText;
        return body.includes(word) ? window.__updates.at(-1).at : undefined;
      }, word);
      if (save > 0) times.push(shown - started);
      // Let the debounce settle so each save is measured on its own.
      await page.waitForTimeout(150);
    }
    times.sort((a, b) => a - b);
    const median = percentile(times, 0.5);
    const p90 = percentile(times, 0.9);
    return { name: 'preview: save → updated page', median, p90, unit: 'ms', goal: GOAL_MS, met: median <= GOAL_MS, samples: times.length };
  } finally {
    await browser?.close();
    await preview?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function percentile(sorted, fraction) {
  if (sorted.length === 0) return Number.NaN;
  const index = (sorted.length - 1) * fraction;
  const low = Math.floor(index);
  const high = Math.ceil(index);
  return Math.round(sorted[low] + (sorted[high] - sorted[low]) * (index - low));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await run();
  console.log(
    `${result.name}: median ${result.median} ms, p90 ${result.p90} ms over ${result.samples} saves (goal ≤ ${result.goal} ms: ${result.met ? 'met' : 'NOT met'})`,
  );
}
