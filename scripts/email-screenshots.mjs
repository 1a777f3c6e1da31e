// Screenshots of each block of the sample email, for templates/README.md.
// Run from the repository root after a build: `npm run screenshots`
// (Debian's Chromium; another with SNIPPET_CHROMIUM). Writes small PNGs to
// docs/screenshots/email/, one per block, at a phone's width, and prints how
// tall the email is there and on which screen each block starts: the browser
// tests hold the sample under 4,000 px at 375 px.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../bench/chromium.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'docs', 'screenshots', 'email');
/** The blocks, by the css-class their partial gives them, in the order the email shows them. */
const BLOCKS = ['masthead', 'glance', 'intro', 'meeting', 'research', 'training', 'funding', 'spotlight', 'news', 'share', 'footer'];
const WIDTH = 375;
/** A phone's screen at that width (an iPhone X to 13 mini): the unit of "how far down". */
const SCREEN = 812;
/** Long sections are cut after their first items: enough to show the block, small enough to commit. */
const MAX_HEIGHT = 460;

const build = mkdtempSync(join(tmpdir(), 'snippet-screenshots-'));
try {
  execFileSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'build', '2026-12', '--out', build], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const html = readFileSync(join(build, 'email.html'), 'utf8');
  mkdirSync(OUT, { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 800 } });
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`The sample email at ${WIDTH} px: ${height} px tall, ${(height / SCREEN).toFixed(1)} screens of ${SCREEN} px.`);
    for (const block of BLOCKS) {
      const file = join(OUT, `${block}.png`);
      // The section's outer element: MJML puts the css-class on it.
      const box = await page.locator(`body div.${block}`).first().boundingBox();
      if (box === null) throw new Error(`the sample email has no ${block} block`);
      await page.screenshot({ path: file, fullPage: true, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, MAX_HEIGHT) } });
      const where = `${Math.round(box.y)} to ${Math.round(box.y + box.height)} px, screen ${Math.floor(box.y / SCREEN) + 1}`;
      console.log(`${file.slice(ROOT.length)}  ${(statSync(file).size / 1024).toFixed(1)} KB  (${where})`);
    }
  } finally {
    await browser.close();
  }
} finally {
  rmSync(build, { recursive: true, force: true });
}
