import type { Organisation } from '../organisations/organisation.js';
import { formatDate } from '../render/format-date.js';
import { markdownInlineToHtml, markdownToHtml } from '../render/markdown.js';
import { html, raw } from './html.js';
import type { Page } from './page-layout.js';
import { relativeHref } from './relative-href.js';
import type { SiteInput, SiteIssue } from './site-input.js';
import { sitePaths } from '../render/site-urls.js';
import { slug } from './slug.js';

/** One member organisation's page: its profile, when it was last checked, and the issues that featured it. */
export function servicePage(input: SiteInput, organisation: Organisation, featuredIn: readonly SiteIssue[]): Page {
  const path = sitePaths.service(organisation.id);
  const to = (target: string): string => relativeHref(path, target);
  return {
    path,
    title: organisation.name,
    description: `${organisation.name}: a member of the ${input.network.name}${organisation.areas.length > 0 ? `, covering ${organisation.areas.join(', ')}` : ''}.`,
    body: html`<p class="breadcrumb"><a href="${to(sitePaths.services)}">Services directory</a></p>
<h1>${organisation.name}</h1>
<p class="endorsement">${input.footer.endorsement}</p>
${organisation.description ? raw(markdownToHtml(organisation.description)) : ''}
<dl class="facts">
${
  organisation.services.length > 0
    ? html`<dt>Services</dt><dd><ul class="inline">${organisation.services.map((name) => html`<li><a href="${to(sitePaths.serviceType(slug(name)))}">${name}</a></li>`)}</ul></dd>\n`
    : ''
}${
      organisation.areas.length > 0
        ? html`<dt>Areas covered</dt><dd><ul class="inline">${organisation.areas.map((name) => html`<li><a href="${to(sitePaths.area(slug(name)))}">${name}</a></li>`)}</ul></dd>\n`
        : ''
    }${organisation.referral ? html`<dt>How to refer a family</dt><dd>${raw(markdownToHtml(organisation.referral))}</dd>\n` : ''}${
      organisation.contact ? html`<dt>Contact</dt><dd>${raw(markdownInlineToHtml(organisation.contact))}</dd>\n` : ''
    }${organisation.website ? html`<dt>Website</dt><dd><a href="${organisation.website}">${organisation.website}</a></dd>\n` : ''}<dt>Last checked</dt><dd>${
      organisation.reviewed
        ? html`<time datetime="${organisation.reviewed}">${formatDate(organisation.reviewed, input.language)}</time>`
        : 'not yet checked with the organisation'
    }</dd>
</dl>
${
  featuredIn.length > 0
    ? html`<h2>In the spotlight</h2>
<ul>
${featuredIn.map((issue) => html`<li><a href="${to(`${sitePaths.issue(issue.id)}#spotlight`)}">${issue.view.subject}</a> <span class="meta">${issue.view.month}</span></li>\n`)}</ul>
`
    : ''
}`,
  };
}
