import type { MeetingView, NewsView, RichText, SpotlightView } from '../render/issue-view.js';
import { html, raw, type SafeHtml } from './html.js';
import type { SiteIssue } from './site-input.js';
import { sitePaths } from '../render/site-urls.js';
import { uniqueSlugs } from './slug.js';

export interface ContentLinks {
  /** A site path as this page links to it: relative on the site, absolute in a feed. */
  to(path: string): string;
  /** Organisations with a page in the directory. */
  inDirectory: ReadonlySet<string>;
}

/**
 * The body of one issue as a web page: the same sections, in the same order
 * and with the same words as the email, as headings, lists and articles.
 * Every item has an anchor (`#funding-winter-grants`) so a link can point at
 * one funding call. Nothing about the recipient is here: no greeting, no
 * unsubscribe link.
 */
export function issueContent(issue: SiteIssue, links: ContentLinks): SafeHtml {
  const { view } = issue;
  const anchor = uniqueSlugs();
  const items = (section: string, list: readonly NewsView[]) =>
    html`<ul class="items">
${list.map((item) => html`<li>${itemArticle(anchor(`${section} ${item.title}`), item)}</li>\n`)}</ul>`;
  const section = (id: string, title: string, body: SafeHtml) => html`<section aria-labelledby="${id}">
<h2 id="${id}">${title}</h2>
${body}
</section>
`;
  return html`${view.intro ? html`<div class="intro">${rich(view.intro)}</div>\n` : ''}${view.meeting ? section('next-meeting', 'Next network meeting', meetingBlock(view.meeting)) : ''}${
    view.research.length > 0 ? section('research', 'Research', items('research', view.research)) : ''
  }${view.training.length > 0 ? section('training', 'Training and events', items('training', view.training)) : ''}${
    view.funding.length > 0 ? section('funding', 'Funding opportunities', items('funding', view.funding)) : ''
  }${view.spotlight ? section('spotlight', `Service spotlight: ${view.spotlight.name}`, spotlightBlock(view.spotlight, links)) : ''}${
    view.news.length > 0 ? section('news', 'News from members', items('news', view.news)) : ''
  }`;
}

/** One item, as the email's item partial shows it; news may have no link. */
function itemArticle(id: string, item: NewsView): SafeHtml {
  return html`<article id="${id}" class="item">
${item.closingSoon ? html`<p class="badge">Closing soon</p>\n` : ''}<h3>${item.url ? html`<a href="${item.url}">${item.title}</a>` : item.title}</h3>
${item.meta.length > 0 ? html`<p class="meta">${item.meta.join(' · ')}</p>\n` : ''}${item.summary ? rich(item.summary) : ''}${
    item.carriedFrom ? html`\n<p class="carried">First shared in ${item.carriedFrom}.</p>` : ''
  }
</article>`;
}

/** As the email's meeting block: when and where, the joining link, the details, Add to calendar (the .ics on this site). */
function meetingBlock(meeting: MeetingView): SafeHtml {
  return html`<p class="meta">${[meeting.date, meeting.time, meeting.venue].filter((part) => part !== null && part !== '').join(' · ')}</p>
${meeting.link ? html`<p><a href="${meeting.link}">Join online</a></p>\n` : ''}${meeting.details ? rich(meeting.details) : ''}${
    meeting.calendarUrl ? html`\n<p><a href="${meeting.calendarUrl}">Add to calendar</a></p>` : ''
  }`;
}

function spotlightBlock(spotlight: SpotlightView, links: ContentLinks): SafeHtml {
  return html`${spotlight.note ? html`<div class="note">${rich(spotlight.note)}</div>\n` : ''}${spotlight.description ? rich(spotlight.description) : ''}
<dl class="facts">
${spotlight.areas.length > 0 ? html`<dt>Areas</dt><dd>${spotlight.areas.join(', ')}</dd>\n` : ''}${spotlight.services.length > 0 ? html`<dt>Services</dt><dd>${spotlight.services.join(', ')}</dd>\n` : ''}${
    spotlight.referral ? html`<dt>How to refer</dt><dd>${rich(spotlight.referral)}</dd>\n` : ''
  }${spotlight.contact ? html`<dt>Contact</dt><dd>${raw(spotlight.contact.html)}</dd>\n` : ''}${spotlight.website ? html`<dt>Website</dt><dd><a href="${spotlight.website}">${spotlight.website}</a></dd>\n` : ''}</dl>
${links.inDirectory.has(spotlight.id) ? html`<p><a href="${links.to(sitePaths.service(spotlight.id))}">${spotlight.name} in the services directory</a></p>\n` : ''}`;
}

function rich(text: RichText): SafeHtml {
  return raw(text.html);
}
