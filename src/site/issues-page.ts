import { html } from './html.js';
import type { Page } from './page-layout.js';
import { relativeHref } from './relative-href.js';
import type { SiteInput, SiteIssue } from './site-input.js';
import { sitePaths } from '../render/site-urls.js';

/** Every published issue, newest first, grouped by year. */
export function issuesPage(input: SiteInput): Page {
  const path = sitePaths.issues;
  const years = new Map<string, SiteIssue[]>();
  for (const issue of input.issues) {
    const year = issue.id.slice(0, 4);
    years.set(year, [...(years.get(year) ?? []), issue]);
  }
  return {
    path,
    title: 'Past issues',
    description: `Every snippet of the ${input.network.name}: research, training, funding and a service spotlight each month.`,
    body: html`<h1>Past issues</h1>
${input.issues.length === 0 ? html`<p>No issue has been published yet.</p>\n` : ''}${[...years].map(
      ([year, issues]) => html`<section aria-labelledby="year-${year}">
<h2 id="year-${year}">${year}</h2>
<ul class="issue-list">
${issues.map((issue) => issueLink(issue, path))}</ul>
</section>
`,
    )}`,
  };
}

export function issueLink(issue: SiteIssue, from: string) {
  return html`<li><a href="${relativeHref(from, sitePaths.issue(issue.id))}">${issue.view.subject}</a> <span class="meta">${issue.view.month}</span></li>\n`;
}
