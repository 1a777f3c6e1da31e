import { html } from './html.js';
import { issueContent } from './issue-content.js';
import type { Page } from './page-layout.js';
import { relativeHref } from './relative-href.js';
import type { SiteIssue } from './site-input.js';
import { sitePaths } from '../render/site-urls.js';

/** One published issue, as members got it, without anything personal. */
export function issuePage(issue: SiteIssue, neighbours: { newer?: SiteIssue; older?: SiteIssue }, inDirectory: ReadonlySet<string>): Page {
  const path = sitePaths.issue(issue.id);
  const to = (target: string): string => relativeHref(path, target);
  const { view } = issue;
  return {
    path,
    title: view.subject,
    description: view.preheader,
    kind: 'article',
    body: html`<article class="issue">
<header>
<h1>${view.subject}</h1>
<p class="meta">${view.month} · sent <time datetime="${issue.sendAt.toISOString()}">${view.sendDate}</time></p>
</header>
${issueContent(issue, { to, inDirectory })}
</article>
<nav class="pager" aria-label="Other issues">
<ul>
${neighbours.newer ? html`<li><a href="${to(sitePaths.issue(neighbours.newer.id))}" rel="next">Newer: ${neighbours.newer.view.month}</a></li>\n` : ''}${
      neighbours.older ? html`<li><a href="${to(sitePaths.issue(neighbours.older.id))}" rel="prev">Older: ${neighbours.older.view.month}</a></li>\n` : ''
    }<li><a href="${to(sitePaths.issues)}">All issues</a></li>
</ul>
</nav>
`,
  };
}
