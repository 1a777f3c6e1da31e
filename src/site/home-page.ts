import { formatDate } from '../render/format-date.js';
import { html } from './html.js';
import { issueLink } from './issues-page.js';
import type { Page } from './page-layout.js';
import { relativeHref } from './relative-href.js';
import type { SiteInput } from './site-input.js';
import { sitePaths } from '../render/site-urls.js';
import { upcomingMeetings } from './upcoming-meetings.js';

/** The network in two sentences, the latest issue, the meetings to come, and how to join. */
export function homePage(input: SiteInput): Page {
  const path = sitePaths.home;
  const to = (target: string): string => relativeHref(path, target);
  const latest = input.issues[0];
  const meetings = upcomingMeetings(input.meetings, input.now, input.timeZone);
  const description = `The ${input.network.name} links up the services that support parents' mental health in pregnancy and the first year. Each month its snippet shares research, training, funding and one member service in the spotlight.`;
  return {
    path,
    title: input.network.name,
    description,
    body: html`<h1>${input.network.name}</h1>
<p class="lead">${description}</p>
<p><a class="button" href="${to(sitePaths.join)}">Join the network</a></p>
${
  latest
    ? html`<section aria-labelledby="latest">
<h2 id="latest">The latest snippet</h2>
<p><a href="${to(sitePaths.issue(latest.id))}">${latest.view.subject}</a> <span class="meta">${latest.view.month}</span></p>
<p>${latest.view.preheader}</p>
${input.issues.length > 1 ? html`<h3>Earlier issues</h3>\n<ul class="issue-list">\n${input.issues.slice(1, 4).map((issue) => issueLink(issue, path))}</ul>\n` : ''}<p><a href="${to(sitePaths.issues)}">All past issues</a></p>
</section>
`
    : ''
}<section aria-labelledby="directory">
<h2 id="directory">Find a service</h2>
<p>The <a href="${to(sitePaths.services)}">services directory</a> lists the network's member organisations: whom each is for, which areas it covers and how to refer a family.</p>
</section>
<section aria-labelledby="whats-on">
<h2 id="whats-on">What's on</h2>
<p><a href="${to(sitePaths.events)}">Training, events and network meetings</a> still to come, each with "Add to calendar".</p>
</section>
${
  meetings.length > 0
    ? html`<section aria-labelledby="meetings">
<h2 id="meetings">Network meetings</h2>
<ul>
${meetings.map(
  (meeting) =>
    html`<li>${formatDate(meeting.date, input.language)}${meeting.time ? `, ${meeting.time}` : ''}${meeting.venue ? ` · ${meeting.venue}` : ''}${meeting.link && !meeting.venue ? ' · online' : ''} · <a href="${to(sitePaths.meetingCalendar(meeting.date))}">Add to calendar</a></li>\n`,
)}</ul>
</section>
`
    : ''
}`,
  };
}
