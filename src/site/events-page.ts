import { formatDate } from '../render/format-date.js';
import { sitePaths } from '../render/site-urls.js';
import { html } from './html.js';
import type { Page } from './page-layout.js';
import { relativeHref } from './relative-href.js';
import type { SiteInput } from './site-input.js';
import type { UpcomingEvent } from './upcoming-events.js';

/** What's on: the network's meetings and the training and events shared in the snippet that are still to come, soonest first. */
export function eventsPage(input: SiteInput, events: readonly UpcomingEvent[]): Page {
  const path = sitePaths.events;
  const to = (target: string): string => relativeHref(path, target);
  return {
    path,
    title: "What's on",
    description: `Upcoming network meetings, training and events shared by the ${input.network.name}.`,
    body: html`<h1>What's on</h1>
<p class="lead">Network meetings, and the training and events shared in the snippet that are still to come, soonest first.</p>
${
  events.length === 0
    ? html`<p>Nothing is coming up yet. New training and events appear here once the snippet that shares them is published; <a href="${to(sitePaths.issues)}">past issues</a> list earlier ones.</p>\n`
    : html`<ul class="items events">
${events.map((event) => {
  const { date, time, endDate, endTime } = event.event;
  const when = [
    `${formatDate(date, input.language)}${endDate && endDate !== date ? ` to ${formatDate(endDate, input.language)}` : ''}`,
    time ? `${time}${endTime ? `–${endTime}` : ''}` : '',
  ]
    .filter((part) => part !== '')
    .join(', ');
  return html`<li><article class="item">
<p class="badge">${event.kind === 'meeting' ? 'Network meeting' : 'Training'}</p>
<h2 class="event-title">${event.kind === 'training' && event.link ? html`<a href="${event.link}">${event.event.summary}</a>` : event.event.summary}</h2>
<p><time datetime="${date}">${when}</time>${event.event.location ? ` · ${event.event.location}` : ''}${event.cost ? ` · ${event.cost}` : ''}</p>
${event.deadline ? html`<p class="meta">Book by ${formatDate(event.deadline, input.language)}</p>\n` : ''}${
    event.kind === 'meeting' && event.link ? html`<p><a href="${event.link}">Join online</a></p>\n` : ''
  }${event.issue ? html`<p class="meta">Shared in the <a href="${to(sitePaths.issue(event.issue.id))}">${event.issue.view.month} snippet</a></p>\n` : ''}<p><a href="${to(event.calendarPath)}">Add to calendar<span class="visually-hidden">: ${event.event.summary}, ${when}</span></a></p>
</article></li>
`;
})}</ul>
`
}`,
  };
}
