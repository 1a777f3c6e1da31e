import type { IssueStatus } from '../actions/issue-status.js';
import { deskPage, escapeHtml } from './html.js';

/** Pure: what the ledger says of one issue, each recipient who did not get it listed with the server's words. */
export function statusPage(status: IssueStatus, zone: string, local: (iso: string) => string): string {
  const counts: Array<[string, number]> = [
    ['Delivered', status.delivered],
    ['Deferred (tried again by the next send --due)', status.deferred.length],
    ['Failed', status.failed.length],
    ['In doubt (the server may have it)', status.inDoubt.length],
    ['Suppressed (unsubscribed or bounced before)', status.suppressed],
    ['Not yet tried', status.notYetAttempted],
  ];
  const list = (title: string, rows: ReadonlyArray<{ email: string; reason: string; at: string }>): string =>
    rows.length === 0
      ? ''
      : `<h2>${escapeHtml(title)}</h2>
<table><thead><tr><th scope="col">Member</th><th scope="col">The server said</th><th scope="col">When (${escapeHtml(zone)})</th></tr></thead>
<tbody>${rows.map((r) => `<tr><td>${escapeHtml(r.email)}</td><td>${escapeHtml(r.reason)}</td><td>${escapeHtml(local(r.at))}</td></tr>`).join('')}</tbody></table>`;
  const bounced = status.bouncedAfterDelivery.map((b) => ({ email: b.email, reason: `${b.kind} ${b.status} ${b.reason}`.trim(), at: b.date }));
  return deskPage(
    `Delivery of ${status.issue}`,
    `<h1>Delivery of ${escapeHtml(status.issue)}</h1>
<table><caption>${status.audience} member${status.audience === 1 ? '' : 's'} in the audience</caption>
<tbody>${counts.map(([name, count]) => `<tr><th scope="row">${escapeHtml(name)}</th><td>${count}</td></tr>`).join('')}</tbody></table>
${list('Failed', status.failed)}
${list('Deferred', status.deferred)}
${list('In doubt', status.inDoubt)}
${list('Bounced after delivery', bounced)}
<p>${status.inDoubt.length > 0 ? '<code>snippet send ISSUE --resend-in-doubt</code> sends the ones in doubt again. ' : ''}<a href="/issues/${status.issue}">Back to the issue</a></p>`,
  );
}
