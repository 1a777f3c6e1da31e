import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { parseIssue } from '../../src/issue/parse-issue.js';
import { parseOrganisations } from '../../src/organisations/parse-organisations.js';
import { compileTemplates } from '../../src/render/compile-templates.js';
import { personalise } from '../../src/render/personalise.js';
import { readTemplates } from '../../src/render/read-templates.js';
import { renderIssue } from '../../src/render/render-issue.js';
import { parseDateTime } from '../../src/time/zoned-time.js';

/** The sample workspace at the repository root, rendered end to end. */
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string): Promise<string> => readFile(`${root}${file}`, 'utf8');

async function renderSample() {
  const { config, problems: configProblems } = parseConfig(await read('snippet.config.yaml'), 'snippet.config.yaml');
  const { organisations, problems: organisationProblems } = parseOrganisations(await read('contacts/organisations.yaml'), 'contacts/organisations.yaml');
  const { issue, problems: issueProblems } = parseIssue(await read('issues/2026-12.md'), 'issues/2026-12.md', '2026-12');
  expect([...configProblems, ...organisationProblems, ...issueProblems].filter((p) => p.severity === 'error')).toEqual([]);
  if (!config || !issue) throw new Error('the sample workspace does not parse');
  const sendAt = parseDateTime(issue.sendAtText ?? '', config.timeZone);
  if (!sendAt) throw new Error('the sample issue has no send_at');
  const templates = compileTemplates(await readTemplates(root));
  const rendered = await renderIssue({ issue, config, organisations, sendAt, templates });
  return { config, issue, organisations, rendered };
}

describe('the sample issue (issues/2026-12.md)', () => {
  it('renders the plain text as reviewed', async () => {
    const { rendered } = await renderSample();
    expect(rendered.problems).toEqual([]);
    const { text } = personalise(rendered, { name: 'Sam Sample', email: 'sam@example.org', unsubscribeUrl: 'https://example.org/snippet/unsubscribe?token=sample' });
    await expect(text).toMatchFileSnapshot('../golden/2026-12.txt');
  });

  it('renders the html with every part in place', async () => {
    const { config, issue, organisations, rendered } = await renderSample();
    const { html } = rendered;
    expect(html).toContain(`<title>${escapeHtml(issue.subject)}</title>`);
    const spotlight = organisations.find((o) => o.id === issue.spotlight);
    expect(spotlight).toBeDefined();
    expect(html).toContain(`Service spotlight: ${escapeHtml(spotlight?.name ?? '')}`);
    for (const item of [...issue.research, ...issue.training, ...issue.funding]) {
      expect(html).toContain(`>${escapeHtml(item.title)}</a>`);
    }
    expect(html).toContain(escapeHtml(config.footer.endorsement));
    expect(html).toContain(escapeHtml(config.footer.postalAddress));
    expect(html).toMatch(/<html lang="en-GB"/u);
    expect(Buffer.byteLength(html)).toBeLessThan(102 * 1024);
  });
});

// As Handlebars writes it.
function escapeHtml(text: string): string {
  const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
  return text.replace(/[&<>"'`=]/gu, (c) => map[c] ?? c);
}
