import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { readMembers } from '../../src/contacts/parse-members.js';
import { parseIssue } from '../../src/issue/parse-issue.js';
import { unsubscribeUrl } from '../../src/mail/unsubscribe-token.js';
import { parseOrganisations } from '../../src/organisations/parse-organisations.js';
import { compileTemplates } from '../../src/render/compile-templates.js';
import { personalise } from '../../src/render/personalise.js';
import { readTemplates } from '../../src/render/read-templates.js';
import { renderIssue } from '../../src/render/render-issue.js';
import { parseDateTime } from '../../src/time/zoned-time.js';

/** The sample workspace at the repository root, rendered end to end. */
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string): Promise<string> => readFile(`${root}${file}`, 'utf8');
/** Signs the sample's unsubscribe links: any fixed value gives a stable golden file. */
const SECRET = 'golden-file-secret';

async function renderSample() {
  const { config, problems: configProblems } = parseConfig(await read('snippet.config.yaml'), 'snippet.config.yaml');
  const { organisations, problems: organisationProblems } = parseOrganisations(await read('contacts/organisations.yaml'), 'contacts/organisations.yaml');
  const { issue, problems: issueProblems } = parseIssue(await read('issues/2026-12.md'), 'issues/2026-12.md', '2026-12');
  const { members, problems: memberProblems } = readMembers(await read('contacts/members.csv'), 'contacts/members.csv');
  expect([...configProblems, ...organisationProblems, ...issueProblems, ...memberProblems].filter((p) => p.severity === 'error')).toEqual([]);
  if (!config || !issue) throw new Error('the sample workspace does not parse');
  const sendAt = parseDateTime(issue.sendAtText ?? '', config.timeZone);
  if (!sendAt) throw new Error('the sample issue has no send_at');
  const templates = compileTemplates(await readTemplates(root));
  const rendered = await renderIssue({ issue, config, organisations, sendAt, templates });
  const personal = (member: (typeof members)[number]) =>
    personalise(rendered, { ...member, unsubscribeUrl: unsubscribeUrl(config.unsubscribe.url ?? '', SECRET, member.email) }, config.greeting);
  return { config, issue, organisations, members, rendered, personal };
}

/**
 * The HTML as reviewed: the first member's copy, with the preheader's padding
 * characters (a long run of invisible entities) shortened and trailing spaces
 * gone, so that a change to the email shows as a readable diff.
 */
function normaliseHtml(html: string): string {
  return `${html
    .replace(/(?:&#847;&zwnj;&nbsp;)+/gu, '[preheader padding]')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .join('\n')}\n`;
}

describe('the sample issue (issues/2026-12.md)', () => {
  it('renders the plain text as reviewed', async () => {
    const { rendered, members, personal } = await renderSample();
    expect(rendered.problems).toEqual([]);
    await expect(personal(members[0]!).text).toMatchFileSnapshot('../golden/2026-12.txt');
  });

  it('renders the html as reviewed', async () => {
    const { members, personal } = await renderSample();
    await expect(normaliseHtml(personal(members[0]!).html)).toMatchFileSnapshot('../golden/2026-12.html');
  });

  it('keeps the text part within 78 columns for every member of the sample list', async () => {
    const { members, personal } = await renderSample();
    expect(members.some((m) => m.email.length > 70 && (m.name ?? '').length > 70)).toBe(true);
    for (const member of members) {
      for (const line of personal(member).text.split('\n')) {
        // A link or an address alone on its line is never broken, so it may be longer.
        if (/^\S+$/u.test(line)) continue;
        expect([...line].length, `${member.email}: ${line}`).toBeLessThanOrEqual(78);
      }
    }
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
    for (const item of issue.news) expect(html).toContain(escapeHtml(item.title));
    expect(html).toContain(escapeHtml(config.footer.endorsement));
    expect(html).toContain(escapeHtml(config.footer.postalAddress).replace('G1 1AA', 'G1\u00a01AA'));
    expect(html).toMatch(/<html lang="en-GB"/u);
  });

  it("stays under Gmail's 102 KB clipping size, with under 16 KB of <style>", async () => {
    const { members, personal } = await renderSample();
    for (const member of members) expect(Buffer.byteLength(personal(member).html)).toBeLessThan(102 * 1024);
    const { html } = personal(members[0]!);
    const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gu)].map((m) => m[1] ?? '');
    expect(styles.length).toBeGreaterThan(0);
    expect(Buffer.byteLength(styles.join(''))).toBeLessThan(16 * 1024);
  });
});

// As Handlebars writes it.
function escapeHtml(text: string): string {
  const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
  return text.replace(/[&<>"'`=]/gu, (c) => map[c] ?? c);
}
