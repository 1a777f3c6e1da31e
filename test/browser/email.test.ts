import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../bench/chromium.mjs';
import { ROOT, runCli, sampleWorkspace } from '../support/workspace.js';

/**
 * The sample issue as a member reads it: built by the CLI for the first
 * member of the sample list, opened in Debian's Chromium at a phone's and a
 * desktop's width, in light and dark mode.
 */
const ARTIFACTS = join(ROOT, 'test-results', 'email');
const WIDTHS = [375, 600] as const;
const SCHEMES = ['light', 'dark'] as const;

let browser: Browser;
let html: string;

const LONG_ADDRESS = 'siobhan.ni-bhriain-macgillivray.north-west@health-visiting-team.example.org';

/** Builds the sample issue in a copy of the sample workspace, after `change` edits its config and `firstMember` (an address) is put first. */
async function buildSample(change: (config: string) => string = (config) => config, firstMember?: string): Promise<string> {
  const ws = await sampleWorkspace();
  try {
    await ws.write('snippet.config.yaml', change(await ws.read('snippet.config.yaml')));
    if (firstMember !== undefined) {
      const [header, ...rows] = (await ws.read('contacts/members.csv')).split('\n');
      const first = rows.filter((row) => row.startsWith(`${firstMember},`));
      expect(first).toHaveLength(1);
      await ws.write('contacts/members.csv', [header, ...first, ...rows.filter((row) => !first.includes(row))].join('\n'));
    }
    const built = await runCli(['build', '2026-12', '--out', 'out'], { cwd: ws.dir });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    return await readFile(join(ws.dir, 'out', 'email.html'), 'utf8');
  } finally {
    await ws.remove();
  }
}

async function open(content: string, width: number, scheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
  // Everything the email needs is inline: nothing is fetched.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(content, { waitUntil: 'load' });
  return page;
}

/** Runs `use` on the email opened at that width and colour scheme, and always closes the page. */
async function withPage<T>(content: string, width: number, scheme: 'light' | 'dark', use: (page: Page) => Promise<T>): Promise<T> {
  const page = await open(content, width, scheme);
  try {
    return await use(page);
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
  html = await buildSample();
});
afterAll(async () => {
  await browser?.close();
});

for (const width of WIDTHS) {
  for (const scheme of SCHEMES) {
    describe(`the sample issue at ${width} px, ${scheme}`, () => {
      it('has no sideways scrolling (screenshot kept)', async () => {
        await withPage(html, width, scheme, async (page) => {
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
          await page.screenshot({ path: join(ARTIFACTS, `email-${width}-${scheme}.png`), fullPage: true });
        });
      });

      it('has no visible text under 12 px', async () => {
        await withPage(html, width, scheme, async (page) => {
          const small = await page.evaluate(() => {
            const found: string[] = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
              const element = node.parentElement;
              if (element === null || (node.textContent ?? '').trim() === '') continue;
              // Hidden text (the preheader) is for inbox lists, not for reading.
              if (element.closest('[style*="display:none"]') !== null || element.getClientRects().length === 0) continue;
              const size = parseFloat(getComputedStyle(element).fontSize);
              if (size < 12) found.push(`${size}px: ${(node.textContent ?? '').trim().slice(0, 40)}`);
            }
            return found;
          });
          expect(small).toEqual([]);
        });
      });

      it('keeps every accent at 3:1 or more against what it stands on', async () => {
        await withPage(html, width, scheme, async (page) => {
          const accents = await page.evaluate(() => {
            const rgb = (colour: string): [number, number, number, number] => {
              const parts = colour.match(/[\d.]+/gu)?.map(Number) ?? [0, 0, 0];
              return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
            };
            const luminance = (colour: string): number => {
              const [r, g, b] = rgb(colour)
                .slice(0, 3)
                .map((v) => {
                  const c = v / 255;
                  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
                }) as [number, number, number];
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const contrast = (a: string, b: string): number => {
              const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
              return (x + 0.05) / (y + 0.05);
            };
            /** The first opaque background at or above `element`. */
            const background = (element: Element | null): string => {
              for (let at = element; at !== null; at = at.parentElement) {
                const colour = getComputedStyle(at).backgroundColor;
                if (rgb(colour)[3] > 0) return colour;
              }
              return 'rgb(255, 255, 255)';
            };
            const page = background(document.querySelector('.page'));
            const out: Array<{ what: string; ratio: number }> = [];
            // Accent borders: against the block's own background and the page around it.
            for (const element of document.querySelectorAll('.glance, .glance *, .spotlight, .spotlight *, .share, .share *')) {
              const style = getComputedStyle(element);
              if (parseFloat(style.borderLeftWidth) < 3) continue;
              const block = element.closest('.glance, .spotlight, .share')?.className ?? '';
              out.push({ what: `${block} border on its block`, ratio: contrast(style.borderLeftColor, background(element)) });
              out.push({ what: `${block} border on the page`, ratio: contrast(style.borderLeftColor, page) });
            }
            // Accent text: section headings, badges, the masthead.
            for (const element of document.querySelectorAll('h1, h2, .badge')) {
              out.push({
                what: `${element.tagName.toLowerCase()} "${element.textContent?.trim().slice(0, 30)}"`,
                ratio: contrast(getComputedStyle(element).color, background(element)),
              });
            }
            return out;
          });
          expect(accents.filter((a) => a.what.includes('border')).length).toBeGreaterThanOrEqual(6);
          expect(accents.filter((a) => a.ratio < 3)).toEqual([]);
        });
      });
    });
  }
}

describe('what the sample issue tells a member', () => {
  it('leads with "The snippet" and the month; the network\'s name fits two lines on a phone', async () => {
    await withPage(html, 375, 'light', async (page) => {
      const masthead = await page.evaluate(() => {
        const h1 = document.querySelector('.masthead h1');
        const name = [...document.querySelectorAll('.masthead p')].find((p) => p.textContent?.includes('Network'));
        const lines = (element: Element | null | undefined): number => {
          if (!element) return 0;
          const style = getComputedStyle(element);
          return Math.round(element.getBoundingClientRect().height / parseFloat(style.lineHeight));
        };
        return {
          h1: h1?.textContent,
          h1Size: h1 ? parseFloat(getComputedStyle(h1).fontSize) : 0,
          nameLines: lines(name),
          nameSize: name ? parseFloat(getComputedStyle(name).fontSize) : 0,
        };
      });
      expect(masthead.h1).toBe('The snippet');
      expect(masthead.nameSize).toBeLessThan(masthead.h1Size);
      expect(masthead.nameLines).toBeGreaterThanOrEqual(1);
      expect(masthead.nameLines).toBeLessThanOrEqual(2);
    });
  });

  it('shows the key dates, soonest first, each on one line of its own date', async () => {
    await withPage(html, 375, 'light', async (page) => {
      const dates = await page.$$eval('.keydate', (items) =>
        items.map((item) => {
          const date = item.querySelector('strong');
          const rect = date?.getBoundingClientRect();
          const lineHeight = date ? parseFloat(getComputedStyle(date).lineHeight) : 0;
          return {
            text: (item as HTMLElement).innerText.replace(/\s+/gu, ' ').trim(),
            date: date?.textContent ?? '',
            oneLine: rect !== undefined && rect.height < lineHeight * 1.5,
          };
        }),
      );
      expect(dates.map((d) => d.text)).toEqual([
        'Wednesday 9 December 2026 Training: Trauma-informed practice in the perinatal period (sample)',
        'Thursday 10 December 2026 CLOSING SOON Funding closes: Winter wellbeing small grants (sample)',
        'Friday 18 December 2026 Booking closes: Supporting fathers and partners: practitioner workshop (sample)',
      ]);
      const days = dates.map((d) => Date.parse(d.date.replace(/^\S+\s/u, '')));
      expect(days).toEqual([...days].sort((a, b) => a - b));
      expect(dates.every((d) => d.oneLine)).toBe(true);
    });
  });

  it('says who to send news to, how and by when', async () => {
    await withPage(html, 375, 'light', async (page) => {
      const share = (await page.textContent('.share'))?.replace(/\s+/gu, ' ') ?? '';
      expect(share).toContain('Share your news');
      expect(share).toContain('Morag Example, network coordinator, puts the snippet together.');
      expect(share).toContain('for the January 2027 snippet by Tuesday 29 December 2026');
      expect(await page.getAttribute('.share a', 'href')).toBe('https://example.org/sample/snippet-form');
    });
  });

  it('shows the February meeting within show_within, and not outside it', async () => {
    await withPage(html, 600, 'light', async (page) => {
      const meeting = (await page.textContent('.meeting'))?.replace(/\s+/gu, ' ') ?? '';
      expect(meeting).toContain('Next network meeting Thursday 11 February 2027, 10:00 to 12:30');
      expect(await page.getAttribute('.meeting a[href$=".ics"]', 'href')).toBe('https://example.org/snippet/meetings/2027-02-11.ics');
    });
    const sixWeeks = await buildSample((config) => config.replace('show_within: 4 months', 'show_within: 6 weeks'));
    await withPage(sixWeeks, 600, 'light', async (without) => {
      expect(await without.$('.meeting')).toBeNull();
      expect(await without.textContent('body')).not.toContain('Next network meeting');
    });
  });

  it('the footer address broke mid-word at 375 px: a long address breaks only before a dot or the @', async () => {
    await withPage(await buildSample(undefined, LONG_ADDRESS), 375, 'light', async (page) => {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      const runs = await page.$$eval('.footer span[style*="nowrap"]', (spans) =>
        spans.map((span) => ({ text: span.textContent ?? '', lines: span.getClientRects().length })),
      );
      expect(runs.map((run) => run.text).join('')).toBe(LONG_ADDRESS);
      expect(runs.every((run) => run.lines === 1)).toBe(true);
      const footer = (await page.textContent('.footer')) ?? '';
      expect(footer).toContain(LONG_ADDRESS);
      await page.screenshot({ path: join(ARTIFACTS, 'email-375-long-address.png'), fullPage: true });
    });
  });

  it('links to its web version and the join page, with nothing personal in either', async () => {
    await withPage(html, 600, 'light', async (page) => {
      expect(await page.getAttribute('a:text("View in your browser")', 'href')).toBe('https://example.org/snippet/issues/2026-12/');
      expect(await page.getAttribute('a:text("Join the network")', 'href')).toBe('https://example.org/snippet/join/');
    });
  });
});
