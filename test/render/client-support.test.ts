import { doIUseEmail } from '@jsx-email/doiuse-email';
import { describe, expect, it } from 'vitest';
import { personalise } from '../../src/render/personalise.js';
import { render } from './fixtures.js';

/**
 * The email's HTML and CSS against caniemail's data, for the clients that
 * ignore the most: Gmail (every version) and Outlook for Windows. What they
 * do not support must be on this list, with the reason it does no harm; any
 * other feature (flex, grid, position, a background image…) fails the test.
 */
const ACCEPTED: Record<string, string> = {
  '@media': "MJML's phone layout and the dark-mode block: clients without it get the desktop layout and their own dark mode",
  'Class selector': 'in <style> only; every style that matters is also inlined',
  'Type selector': 'as above',
  'ID selector': "MJML's Outlook reset (#outlook a)",
  'Descendant combinator': 'the dark-mode block',
  'Chaining selectors': 'the dark-mode block',
  'display:none': 'the hidden preheader',
  opacity: 'the hidden preheader',
  overflow: 'the hidden preheader',
  outline: "MJML's image reset",
  'word-spacing': "MJML's reset",
  'word-break': 'MJML lets long words break rather than widen the email',
  'border-radius': "the badge's rounded corners: square where unsupported",
  'aria-label attribute': "MJML's tables; ignored where unsupported",
  'role attribute': 'MJML\'s tables (role="presentation"); ignored where unsupported',
  'border-spacing': "MJML's image table",
  'target attribute': 'MJML opens a linked logo in a new tab; Gmail does so anyway',
  'white-space': 'the footer address keeps its runs whole; Outlook for Windows wraps it as any text',
  '<wbr> element': 'where the footer address may break; ignored where unsupported',
  'Local anchors':
    '"In this issue" links to its sections by named anchors (the form Gmail on the web and Outlook for Windows follow); in Gmail for iPhone and Outlook\'s phone apps a tap does nothing, and the sections follow in the same order',
};

describe('what Gmail and Outlook for Windows support', () => {
  it('uses nothing they ignore beyond the accepted, harmless list', async () => {
    const rendered = await render(
      {
        research: [{ title: 'Paper', url: 'https://example.org/r', published: '2026-11-01', source: 'Journal' }],
        training: [{ title: 'Course', url: 'https://example.org/t', date: '2026-12-09', time: '10:00', endTime: '12:00', deadline: '2026-12-05' }],
        funding: [
          { title: 'Fund', url: 'https://example.org/f', deadline: '2026-12-10' },
          { title: 'Rolling', url: 'https://example.org/g', deadline: 'rolling' },
        ],
        news: [{ title: 'News', summary: 'Member news.' }],
        spotlight: 'home-start',
      },
      {
        meetings: [{ date: '2027-01-14', time: '10:00', venue: 'Hall', link: 'https://example.org/m' }],
        site: { url: 'https://example.org/snippet/', private: false },
        coordinator: { name: 'Morag Example' },
        network: {
          name: 'Test Network',
          shortName: 'TN',
          website: 'https://example.org',
          logo: { url: 'https://example.org/logo.png', alt: 'Logo', width: 120 },
        },
      },
    );
    const { html } = personalise(rendered, { name: 'Ann', email: 'ann-example@example.org', unsubscribeUrl: 'https://example.org/u' });
    const result = doIUseEmail(html, { emailClients: ['gmail.*', 'outlook.windows', 'outlook.windows-mail'] });
    const errors = result.success ? [] : result.errors;
    const features = new Set(errors.map((error) => /^`([^`]+)`/u.exec(error)?.[1] ?? error));
    expect(features.size).toBeGreaterThan(0);
    expect([...features].filter((feature) => !(feature in ACCEPTED))).toEqual([]);
  });
});
