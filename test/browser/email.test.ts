import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, sampleWorkspace } from '../support/workspace.js';
import { browserPerFile } from './browser-per-file.js';

/**
 * The sample issue as a member reads it: built by the CLI for the first
 * member of the sample list, opened in Debian's Chromium at a phone's and a
 * desktop's width, in light and dark mode.
 */
const ARTIFACTS = join(ROOT, 'test-results', 'email');
const WIDTHS = [375, 600] as const;
const SCHEMES = ['light', 'dark'] as const;

const browser = browserPerFile(ARTIFACTS);
let html: string;

const LONG_ADDRESS = 'siobhan.ni-bhriain-macgillivray.north-west@health-visiting-team.example.org';

/** Builds the sample issue in a copy of the sample workspace, after `change` edits its config (and `changeIssue` the issue), and `firstMember` (an address) is put first. */
async function buildSample(
  change: (config: string) => string = (config) => config,
  firstMember?: string,
  changeIssue: (issue: string) => string = (issue) => issue,
): Promise<string> {
  const ws = await sampleWorkspace();
  try {
    await ws.write('snippet.config.yaml', change(await ws.read('snippet.config.yaml')));
    await ws.write('issues/2026-12.md', changeIssue(await ws.read('issues/2026-12.md')));
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

/** A phone's first screen: 375 × 812 (an iPhone X to 13 mini). */
const PHONE = { width: 375, height: 812 };

async function open(content: string, width: number, scheme: 'light' | 'dark', height = 900): Promise<Page> {
  const page = await browser().newPage({ viewport: { width, height }, colorScheme: scheme });
  // Everything the email needs is inline: nothing is fetched.
  await page.route('**/*', (route) => route.abort());
  await page.setContent(content, { waitUntil: 'load' });
  return page;
}

/** Runs `use` on the email opened at that width and colour scheme, and always closes the page. */
async function withPage<T>(content: string, width: number, scheme: 'light' | 'dark', use: (page: Page) => Promise<T>, height?: number): Promise<T> {
  const page = await open(content, width, scheme, height);
  try {
    return await use(page);
  } finally {
    await page.close();
  }
}

/** Runs `use` on the email on a phone's first screen, 375 × 812, light. */
function onPhone<T>(content: string, use: (page: Page) => Promise<T>): Promise<T> {
  return withPage(content, PHONE.width, 'light', use, PHONE.height);
}

beforeAll(async () => {
  html = await buildSample();
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
      // Soonest first; within six weeks of sending the year goes without saying.
      expect(dates.map((d) => d.text)).toEqual([
        'Wednesday 9 December Training: Trauma-informed practice in the perinatal period (sample)',
        'Thursday 10 December CLOSING SOON Funding closes: Winter wellbeing small grants (sample)',
        'Friday 18 December Booking closes (training on Thursday 14 January): Supporting fathers and partners: practitioner workshop (sample)',
      ]);
      expect(dates.every((d) => d.oneLine)).toBe(true);
    });
  });

  it('says who to send news to, how and by when', async () => {
    await withPage(html, 375, 'light', async (page) => {
      const share = (await page.textContent('.share'))?.replace(/\s+/gu, ' ') ?? '';
      expect(share).toContain('Share your news');
      expect(share).toContain('Morag Example, network coordinator, puts the snippet together.');
      expect(share).toContain('for the January 2027 snippet by Tuesday 29 December 2026');
      expect(await page.getAttribute('.share a[href]', 'href')).toBe('https://example.org/sample/snippet-form');
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

describe('the sample issue on a phone, actions first', () => {
  it('the first screen at 375 × 812 showed the masthead and the introduction only: it shows the month, every key date and "In this issue"', async () => {
    await onPhone(html, async (page) => {
      const firstScreen = await page.evaluate((height) => {
        const seen = (element: Element): boolean => {
          const rect = element.getBoundingClientRect();
          return rect.height > 0 && rect.top >= 0 && rect.bottom <= height;
        };
        const month = [...document.querySelectorAll('.masthead p')].find((p) => p.textContent === 'December 2026');
        const keyDates = [...document.querySelectorAll('.glance h2')].find((h2) => h2.textContent === 'Key dates');
        const entries = [...document.querySelectorAll('.keydate')];
        const contents = [...document.querySelectorAll('.glance a[href^="#"]')];
        return {
          scrolled: window.scrollY,
          month: month !== undefined && seen(month),
          keyDates: keyDates !== undefined && seen(keyDates),
          entries: entries.map((entry) => seen(entry)),
          contents: contents.map((link) => `${link.textContent?.replace(/\s+/gu, ' ') ?? ''}: ${seen(link)}`),
        };
      }, PHONE.height);
      expect(firstScreen.scrolled).toBe(0);
      expect(firstScreen.month).toBe(true);
      expect(firstScreen.keyDates).toBe(true);
      expect(firstScreen.entries).toEqual([true, true, true]);
      // The meeting's date and how to send news are on the first screen too.
      expect(firstScreen.contents).toEqual([
        'Next network meeting: Thu 11 Feb 2027: true',
        'Research: true',
        'Training and events: true',
        'Funding opportunities: true',
        'Service spotlight: 3D Drumchapel: true',
        'News from members: true',
        'Share your news: true',
      ]);
      await page.screenshot({ path: join(ARTIFACTS, 'email-375-first-screen.png') });
    });
  });

  it('the December sample was 5,413 px tall at 375 px (nearly seven screens): it is at most 4,000 px, with every item still there', async () => {
    await onPhone(html, async (page) => {
      const { height, items } = await page.evaluate(() => ({
        height: document.documentElement.scrollHeight,
        items: Object.fromEntries(
          ['research', 'training', 'funding', 'news'].map((block) => [
            block,
            [...document.querySelectorAll(`div.${block} h3`)].filter((h3) => h3.getClientRects().length > 0).length,
          ]),
        ),
      }));
      expect(height).toBeLessThanOrEqual(4000);
      expect(items).toEqual({ research: 3, training: 3, funding: 4, news: 1 });
    });
  });

  it('"In this issue" was plain text: each entry takes the reader to its section', async () => {
    await onPhone(html, async (page) => {
      const anchors = await page.$$eval('.glance a[href^="#"]', (links) => links.map((link) => link.getAttribute('href') ?? ''));
      expect(anchors).toHaveLength(7);
      for (const anchor of anchors) {
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.click(`.glance a[href="${anchor}"]`);
        // The section's heading is on screen; the page moved down to it (the last ones cannot reach the top).
        const landed = await page.evaluate((name) => {
          const heading = document.querySelector(`a[name="${name}"] + h2`);
          const rect = heading?.getBoundingClientRect();
          // Scrolling lands on whole device pixels: a heading at the top may sit a fraction of a pixel above it.
          return { scrolled: window.scrollY > 0, onScreen: rect !== undefined && rect.top > -1 && rect.bottom <= window.innerHeight };
        }, anchor.slice(1));
        expect(landed, anchor).toEqual({ scrolled: true, onScreen: true });
      }
    });
  });

  it('a course listed twice in Key dates (its booking deadline and its date): once, with both dates', async () => {
    // The workshop moved to 7 January: its date falls within six weeks of sending, as its booking deadline does.
    const moved = await buildSample(undefined, undefined, (issue) => {
      expect(issue).toContain('date: 2027-01-14');
      return issue.replace('date: 2027-01-14', 'date: 2027-01-07');
    });
    for (const sample of [moved, html]) {
      await onPhone(sample, async (page) => {
        const entries = await page.$$eval('.keydate', (items) =>
          items.map((item) => ({ title: item.querySelector('a')?.textContent ?? '', text: (item as HTMLElement).innerText.replace(/\s+/gu, ' ').trim() })),
        );
        const titles = entries.map((entry) => entry.title);
        expect(new Set(titles).size).toBe(titles.length);
        const workshop = entries.filter((entry) => entry.title.startsWith('Supporting fathers and partners'));
        expect(workshop).toHaveLength(1);
        expect(workshop[0]?.text).toMatch(/^Friday 18 December Booking closes \(training on Thursday (14|7) January\):/u);
      });
    }
  });
});
