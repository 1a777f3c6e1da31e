import type { IssueSummary } from '../actions/list-issues.js';
import { deskPage, escapeHtml } from './html.js';

/** Pure: the list of issues, and the button that starts next month. */
export function issuesPage(issues: readonly IssueSummary[], notice: readonly string[] = []): string {
  const rows = issues.map((issue) => {
    const problems =
      issue.errors > 0
        ? `${issue.errors} error${issue.errors === 1 ? '' : 's'}`
        : issue.warnings > 0
          ? `ready, ${issue.warnings} warning${issue.warnings === 1 ? '' : 's'}`
          : 'ready';
    const d = issue.delivery;
    const delivery = d
      ? `${d.delivered} of ${d.audience} delivered${d.deferred ? `, ${d.deferred} deferred` : ''}${d.failed ? `, ${d.failed} failed` : ''}${d.inDoubt ? `, ${d.inDoubt} in doubt` : ''}${d.suppressed ? `, ${d.suppressed} suppressed` : ''}`
      : 'not sent';
    return `<tr>
<th scope="row"><a href="/issues/${issue.id}">${escapeHtml(issue.id)}</a></th>
<td>${escapeHtml(issue.subject ?? '(cannot be read)')}</td>
<td>${escapeHtml(issue.status ?? '?')}</td>
<td>${escapeHtml(issue.sendAt ?? 'unknown until the problems are fixed')}</td>
<td>${escapeHtml(problems)}</td>
<td>${d ? `<a href="/issues/${issue.id}/status">${escapeHtml(delivery)}</a>` : escapeHtml(delivery)}</td>
</tr>`;
  });
  const table =
    issues.length === 0
      ? '<p>There are no issues yet.</p>'
      : `<table>
<caption>Every issue, the newest first</caption>
<thead><tr><th scope="col">Issue</th><th scope="col">Subject</th><th scope="col">Status</th><th scope="col">Send at</th><th scope="col">Check</th><th scope="col">Delivery</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  const said = notice.length > 0 ? `<section class="notice" role="status"><h2>Started</h2><pre>${escapeHtml(notice.join('\n'))}</pre></section>\n` : '';
  return deskPage(
    'Issues',
    `<h1>Issues</h1>
${said}${table}
<form method="post" action="/new" class="actions">
<button type="submit">Start next month</button>
<p class="note">Starts next month’s issue with the next organisation in the spotlight and the training and funding still open from the last issue.</p>
</form>`,
  );
}
