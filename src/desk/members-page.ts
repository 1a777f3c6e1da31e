import type { FoundMember, MemberSearch } from '../actions/find-members.js';
import { formatProblem } from '../errors.js';
import { deskPage, escapeHtml } from './html.js';
import type { MembersDryRun } from './members-upload.js';

/** Pure: find a member, unsubscribe or resubscribe them with a reason, and import a CSV (checked first). */
export function membersPage(query: string, search: MemberSearch, notice: readonly string[] = []): string {
  const said =
    notice.length > 0 ? `<div class="notice" role="status">${notice.map((line) => `<p class="message">${escapeHtml(line)}</p>`).join('')}</div>\n` : '';
  const problems =
    search.problems.length > 0
      ? `<section class="conflict" aria-labelledby="list-problems"><h2 id="list-problems">The mailing list has problems</h2><pre>${escapeHtml(search.problems.map((p) => formatProblem(p)).join('\n'))}</pre></section>\n`
      : '';
  const rows = [...search.found, ...search.suppressedOnly].map((member, index) => row(member, index, query));
  const shown = search.found.length + search.suppressedOnly.length;
  const caption = query.trim()
    ? `${search.matched} member${search.matched === 1 ? '' : 's'} found for “${query.trim()}”${search.matched > search.found.length ? `, the first ${search.found.length} shown: type more of the name` : ''}${search.suppressedOnly.length > 0 ? `, and ${search.suppressedOnly.length} suppressed address${search.suppressedOnly.length === 1 ? '' : 'es'} not on the list` : ''}`
    : `Every member${search.matched > search.found.length ? ` (the first ${search.found.length} of ${search.matched}: type a name to find one)` : ''}`;
  const table =
    shown === 0
      ? `<p id="results">${query.trim() ? `Nobody on the list matches “${escapeHtml(query.trim())}”.` : 'There are no members yet: import a CSV below.'}</p>`
      : `<table id="results">
<caption>${escapeHtml(caption)}</caption>
<thead><tr><th scope="col">Member</th><th scope="col">Organisation</th><th scope="col">Lists</th><th scope="col">Gets the snippet?</th><th scope="col">Change</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  return deskPage(
    'Members',
    `<h1>Members</h1>
${said}${problems}<p>${search.members} member${search.members === 1 ? '' : 's'} on the list, ${search.suppressed} of them suppressed (not mailed).</p>
<form method="get" action="/members" role="search" class="part">
<label for="q">Find a member (name, email or organisation)</label>
<input type="search" id="q" name="q" value="${escapeHtml(query)}">
<button type="submit">Find</button>
</form>
${table}
<form method="post" action="/members/import" enctype="multipart/form-data" class="part upload">
<h2>Import members</h2>
<label for="members-file">A CSV of members (columns email, name, organisation, lists; as saved from Excel is fine)</label>
<input type="file" id="members-file" name="file" accept=".csv,text/csv">
<button type="submit">Check the file</button>
<span class="note">You see who would be added or updated before anything is written.</span>
</form>`,
  );
}

function row(member: FoundMember, index: number, query: string): string {
  const who = member.name ? `${escapeHtml(member.name)}<br>${escapeHtml(member.email)}` : escapeHtml(member.email);
  const organisation = member.organisation ? escapeHtml(member.organisation.name ?? member.organisation.id) : '';
  const status = member.suppressed
    ? `No: suppressed${member.suppressed.date ? ` since ${escapeHtml(member.suppressed.date)}` : ''}${member.suppressed.reason ? ` (${escapeHtml(member.suppressed.reason)})` : ''}`
    : 'Yes';
  const unsubscribe = member.suppressed === undefined;
  const id = `reason-${index}`;
  const change = `<form method="post" action="/members/${unsubscribe ? 'unsubscribe' : 'resubscribe'}" class="member-change">
<input type="hidden" name="email" value="${escapeHtml(member.email)}">
<input type="hidden" name="q" value="${escapeHtml(query)}">
<label for="${id}">Reason</label>
<input type="text" id="${id}" name="reason" value="" ${unsubscribe ? 'placeholder="unsubscribed"' : 'required'}>
<button type="submit" aria-label="${unsubscribe ? 'Unsubscribe' : 'Resubscribe'} ${escapeHtml(member.email)}">${unsubscribe ? 'Unsubscribe' : 'Resubscribe'}</button>
</form>`;
  return `<tr><td>${who}</td><td>${organisation}</td><td>${escapeHtml(member.lists.join(', '))}</td><td>${status}</td><td>${change}</td></tr>`;
}

/** Pure: what an uploaded CSV would change, and the button that writes it. */
export function membersImportPage(report: MembersDryRun): string {
  const confirm =
    report.changes > 0
      ? `<form method="post" action="/members/import/confirm">
<input type="hidden" name="upload" value="${escapeHtml(report.key)}">
<button type="submit">Add or update ${report.changes} member${report.changes === 1 ? '' : 's'}</button>
</form>`
      : '<p>Nothing would change.</p>';
  return deskPage(
    'Import members',
    `<h1>Import members</h1>
<p>What <strong>${escapeHtml(report.label)}</strong> would change in contacts/members.csv. Nothing is written until you confirm.</p>
<pre id="report">${escapeHtml(report.lines.join('\n'))}</pre>
${confirm}
<p><a href="/members">Back to the members without importing</a></p>`,
  );
}
