import type { SendEvent } from '../actions/send-events.js';
import { describeSchedule } from '../time/describe-schedule.js';
import { deskPage, escapeHtml } from './html.js';
import type { SendJob } from './send-jobs.js';

/** Pure: the editor's "Test and send" part: a test to one address (the coordinator's from the config), and Send now. */
export function sendSection(id: string, address: string, problem?: string): string {
  return `<section class="part send" aria-labelledby="h-send" id="send">
<h2 id="h-send">Test and send</h2>
<form method="post" action="/issues/${id}/test-send" novalidate>
<div class="field">
<label for="test-to">Send a test to</label>
<input type="email" id="test-to" name="to" value="${escapeHtml(address)}" autocomplete="email" aria-describedby="p-test-to"${problem ? ' aria-invalid="true"' : ''}>
<p id="p-test-to" class="field-problem">${problem ? `<strong>Error:</strong> ${escapeHtml(problem)}` : '<span class="note">One address. The test is the issue as last saved, its subject starting “[TEST]”; no member gets it.</span>'}</p>
</div>
<button type="submit">Send a test</button>
</form>
<p><a href="/issues/${id}/send">Send now…</a> <span class="note">For an approved issue: shows who would get it and asks before anything is sent.</span></p>
</section>`;
}

/** What the page asking before a send to the list needs: the dry run's plan. */
export interface SendNowView {
  id: string;
  plan: Extract<SendEvent, { type: 'planned' }>['plan'];
  preview: Extract<SendEvent, { type: 'planned' }>['preview'];
}

/** Pure: the question before a send to the list, with the plan; before its send_at, an explicit "send it early". */
export function sendNowPage({ id, plan, preview }: SendNowView): string {
  const early = preview.now < preview.sendAt.getTime();
  const schedule = describeSchedule(preview.sendAt, preview.now, preview.timeZone);
  const members = `${plan.send.length} member${plan.send.length === 1 ? '' : 's'}`;
  const facts: Array<[string, string]> = [
    ['Subject', preview.subject],
    ['Status', preview.status === 'approved' ? 'approved' : 'draft'],
    ['Scheduled', schedule],
    ['To send now', String(plan.send.length)],
    ['Delivered already', String(plan.alreadyDelivered)],
    ['Suppressed (unsubscribed or bounced)', String(plan.suppressed.length)],
    ['In doubt from an earlier run (not sent again)', String(plan.inDoubt.length)],
    ['Through', preview.transport],
  ];
  let action: string;
  if (preview.status !== 'approved') {
    action = `<p class="notice" role="status">Only an approved issue goes to the list. <a href="/issues/${id}">Back to the issue</a>: fix what is left, then Approve.</p>`;
  } else if (plan.send.length === 0) {
    action = `<p class="notice" role="status">Nothing to send: everyone has it already, or cannot be sent to. Nobody gets it twice. <a href="/issues/${id}/status">See the delivery</a>.</p>`;
  } else {
    const ask = early
      ? `<p>It is scheduled for ${escapeHtml(schedule)}, and the schedule will send it then. Sending now sends it before then, to everyone.</p>
<div class="field"><input type="checkbox" id="early" name="early" value="yes"> <label for="early" class="inline">Yes, send it now, before its scheduled time</label></div>`
      : '';
    action = `<form method="post" action="/issues/${id}/send">
${ask}
<button type="submit">Send to ${escapeHtml(members)} now</button>
<a href="/issues/${id}">Not now: back to the issue</a>
</form>`;
  }
  return deskPage(
    `Send ${id}`,
    `<h1>Send ${escapeHtml(id)} to the list</h1>
<table><caption>What a send now would do (nothing is sent until you press the button)</caption>
<tbody>${facts.map(([name, value]) => `<tr><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</tbody></table>
${action}`,
  );
}

/** Pure: what is known of a running or finished send, inside its live region. */
export function sendingBody(job: SendJob): string {
  const { counts } = job;
  const done = counts.delivered + counts.notDelivered;
  const progress =
    counts.total > 0 ? `<p class="progress">${done} of ${counts.total} done: ${counts.delivered} delivered, ${counts.notDelivered} not.</p>` : '';
  const next =
    job.ended === undefined
      ? '<p class="note">The send goes on if you leave this page; this page follows it as it goes.</p>'
      : `<p><strong>${job.ended === 'stopped' ? 'The send stopped.' : 'The send is over.'}</strong> <a href="/issues/${job.issue}/status">See who got it</a> · <a href="/issues/${job.issue}">Back to the issue</a></p>`;
  return `${progress}<ul class="send-lines">${job.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>${next}`;
}

/** Pure: the page of a send to the list from the desk, updated by desk.js as it goes (or by Refresh without it). */
export function sendingPage(job: SendJob): string {
  const running = job.ended === undefined;
  return deskPage(
    `Sending ${job.issue}`,
    `<h1>Sending ${escapeHtml(job.issue)}</h1>
<div id="sending" role="status" data-issue="${job.issue}" data-version="${job.version}"${running ? ' data-running="yes"' : ''}>${sendingBody(job)}</div>
${running ? `<p><a href="/issues/${job.issue}/send">Refresh</a></p>` : ''}`,
  );
}
