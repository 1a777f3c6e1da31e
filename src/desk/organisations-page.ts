import type { OrganisationDraft, OrganisationFields, OrganisationProblem, OrganisationSummary } from '../actions/organisation-editor.js';
import { AUDIENCES, STAGES } from '../organisations/organisation.js';
import { deskPage, escapeHtml, fieldId } from './html.js';

type Kind = 'text' | 'markdown' | 'url' | 'email' | 'tel' | 'list';

/** The profile's fields as the form shows them, labelled with the names the file's documentation uses. */
const PROFILE: ReadonlyArray<[keyof OrganisationFields, string, Kind, string?]> = [
  ['name', 'Name', 'text'],
  [
    'description',
    'Description (Markdown)',
    'markdown',
    'What it offers to parents and infants in the perinatal period. Shown in the spotlight and the directory.',
  ],
  ['website', 'Website', 'url', 'An address starting with https://'],
  ['services', 'Services', 'list', 'Separated by commas, e.g. peer support, infant massage'],
  ['contact', 'Contact', 'text', 'A named contact, email or phone, as free text.'],
];
const REFERRERS: ReadonlyArray<[keyof OrganisationFields, string, Kind, string?]> = [
  ['refer', 'Refer (how a professional refers, Markdown)', 'markdown', 'A form link, an email or a phone, and what to include.'],
  ['phone', 'Phone', 'tel', 'e.g. 0141 496 0000'],
  ['email', 'Email', 'email', 'The address referrals go to.'],
  ['languages', 'Languages', 'list', 'Separated by commas, e.g. English, Polish'],
  ['cost', 'Cost', 'text', 'e.g. Free'],
  ['waiting_time', 'Waiting time', 'text', 'e.g. About two weeks'],
  ['referral', 'Referral (free text, the older field)', 'markdown', 'The fields above are what the directory shows best.'],
];

/** Pure: the network's organisations, each linked to its profile. */
export function organisationsPage(list: { organisations: readonly OrganisationSummary[]; general: readonly OrganisationProblem[] }, notice?: string): string {
  const rows = list.organisations.map((o) => {
    const check =
      o.errors > 0 ? `${o.errors} error${o.errors === 1 ? '' : 's'}` : o.warnings > 0 ? `${o.warnings} warning${o.warnings === 1 ? '' : 's'}` : 'ok';
    return `<tr>
<th scope="row"><a href="/organisations/${escapeHtml(o.id)}">${escapeHtml(o.name)}</a></th>
<td>${escapeHtml(o.reviewed ?? 'never')}</td>
<td>${o.spotlight ? 'in the rotation' : 'left the rotation'}</td>
<td>${o.directory ? 'listed' : 'not listed'}</td>
<td>${escapeHtml(check)}</td>
</tr>`;
  });
  const general =
    list.general.length > 0
      ? `<section aria-labelledby="file-problems"><h2 id="file-problems">About the whole file</h2>${problemList('general', list.general)}</section>\n`
      : '';
  return deskPage(
    'Organisations',
    `<h1>Organisations</h1>
${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>\n` : ''}${general}<table>
<caption>The network’s organisations, in the order of the spotlight rotation (contacts/organisations.yaml)</caption>
<thead><tr><th scope="col">Organisation</th><th scope="col">Last checked</th><th scope="col">Spotlight</th><th scope="col">Directory</th><th scope="col">Check</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`,
  );
}

export interface OrganisationView {
  draft: OrganisationDraft;
  /** What the form shows: the file's fields, or what was posted. */
  fields: OrganisationFields;
  problems: readonly OrganisationProblem[];
  version: string;
  notice?: string;
  conflict?: string;
}

/** Pure: one organisation's profile as a form that works without JavaScript, every problem beside its field. */
export function organisationPage(view: OrganisationView): string {
  const { draft, fields } = view;
  const id = escapeHtml(draft.id);
  const shown = new Set<string>(
    [...PROFILE, ...REFERRERS].map(([name]) => name as string).concat(['areas', 'for', 'stages', 'self_referral', 'spotlight', 'directory', 'reviewed']),
  );
  const byField = new Map<string, OrganisationProblem[]>();
  const general: OrganisationProblem[] = [];
  for (const problem of view.problems) {
    if (problem.field !== undefined && shown.has(problem.field)) byField.set(problem.field, [...(byField.get(problem.field) ?? []), problem]);
    else general.push(problem);
  }
  const invalid = (field: string): string => ((byField.get(field) ?? []).some((p) => p.severity === 'error') ? ' aria-invalid="true"' : '');
  const problemsOf = (field: string): string => problemList(field, byField.get(field) ?? []);
  const hintOf = (field: string, hint: string | undefined): string => (hint ? `<span class="hint" id="h-${fieldId(field)}">${escapeHtml(hint)}</span>` : '');
  const described = (field: string, hint: string | undefined): string => `aria-describedby="${hint ? `h-${fieldId(field)} ` : ''}p-${fieldId(field)}"`;

  const input = ([name, label, kind, hint]: readonly [keyof OrganisationFields, string, Kind, string?]): string => {
    const value = fields[name] ?? '';
    const attributes = `id="${fieldId(name)}" name="${name}" ${described(name, hint)}${invalid(name)}`;
    const control =
      kind === 'markdown'
        ? `<textarea ${attributes} rows="4">${escapeHtml(value)}</textarea>`
        : `<input type="${kind === 'list' ? 'text' : kind}" ${attributes} value="${escapeHtml(value)}"${kind === 'email' ? ' autocomplete="off"' : ''}>`;
    return `<div class="field">
<label for="${fieldId(name)}">${escapeHtml(label)}</label>
${hintOf(name, hint)}
${control}
${problemsOf(name)}
</div>`;
  };

  const areasHint =
    draft.areas.length > 0
      ? `Separated by commas, from the network’s list: ${draft.areas.join(', ')}; or all for the whole network area.`
      : 'Separated by commas; all means the whole network area.';
  const areas = input(['areas', 'Areas', 'list', areasHint]);
  const words = (field: 'for' | 'stages', legend: string, vocabulary: readonly string[]): string => {
    const chosen = (fields[field] ?? '')
      .split(',')
      .map((word) => word.trim())
      .filter((word) => word !== '');
    const known = new Set(vocabulary.map((word) => word.toLowerCase()));
    const other = chosen.filter((word) => !known.has(word.toLowerCase()));
    const boxes = vocabulary.map((word, index) => {
      const checked = chosen.some((c) => c.toLowerCase() === word.toLowerCase());
      return `<label class="choice"><input type="checkbox" id="${field}-${index}" name="${field}" value="${escapeHtml(word)}"${checked ? ' checked' : ''}> ${escapeHtml(word)}</label>`;
    });
    // Words the list does not know stay in the form (the problem beside it says why), so a save never drops them silently.
    const kept =
      other.length > 0
        ? `<label class="choice">As written, not on the list: <input type="text" name="${field}" value="${escapeHtml(other.join(', '))}"></label>`
        : '';
    return `<fieldset class="field" id="${field}" ${described(field, undefined)}${invalid(field)}>
<legend>${escapeHtml(legend)}</legend>
${boxes.join('\n')}
${kept}
${problemsOf(field)}
</fieldset>`;
  };
  const selfReferral = fields.self_referral ?? '';
  const option = (value: string, label: string): string => `<option value="${value}"${selfReferral === value ? ' selected' : ''}>${label}</option>`;
  const unknownSelf =
    selfReferral !== '' && selfReferral !== 'yes' && selfReferral !== 'no' ? option(escapeHtml(selfReferral), `${escapeHtml(selfReferral)} (as written)`) : '';
  const flag = (field: 'spotlight' | 'directory', label: string): string => `<div class="field">
<label class="choice"><input type="checkbox" id="${field}" name="${field}" value="false" ${described(field, undefined)}${fields[field] === 'false' ? ' checked' : ''}> ${escapeHtml(label)}</label>
${problemsOf(field)}
</div>`;
  const reviewed = fields.reviewed ?? '';
  const conflict = view.conflict
    ? `<div class="conflict" role="alert"><h2>Not saved: the file changed</h2><p>${escapeHtml(view.conflict)}</p><p>Everything you typed is still in the form below. Copy what you need, then <a href="/organisations/${id}">reload the profile as it is now</a>.</p></div>`
    : '';
  const todo = todoOf(view.problems, draft.elsewhere);
  const body = `<p><a href="/organisations">All organisations</a></p>
<h1>${escapeHtml(fields.name ?? draft.id)} <span class="status">${id}</span></h1>
${conflict}${view.notice ? `<p class="notice" role="status">${escapeHtml(view.notice)}</p>` : ''}
<section class="todo" aria-labelledby="todo-title"><h2 id="todo-title">What is left to do</h2><ul id="todo">${todo.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul></section>
<section aria-labelledby="other-problems" id="other"${general.length > 0 ? '' : ' hidden'}><h2 id="other-problems">Other problems</h2>${problemList('general', general)}</section>
<form method="post" action="/organisations/${id}" id="editor" class="editor organisation" novalidate>
<input type="hidden" name="version" value="${escapeHtml(view.version)}">
<div class="actions sticky">
<button type="submit" name="action" value="save">Save</button>
<button type="submit" name="action" value="reviewed">Checked with the organisation today</button>
<span class="note">Saves the profile and sets Reviewed to today (${escapeHtml(draft.today)}).</span>
</div>
<fieldset class="part"><legend>The profile</legend>
${PROFILE.map(input).join('\n')}
${areas}
</fieldset>
<fieldset class="part"><legend>For referrers</legend>
${words('for', 'For (who the service is for)', AUDIENCES)}
${words('stages', 'Stages', STAGES)}
<div class="field">
<label for="self_referral">Self-referral (can families refer themselves?)</label>
<select id="self_referral" name="self_referral" ${described('self_referral', undefined)}${invalid('self_referral')}>${option('', 'Not said')}${option('yes', 'Yes')}${option('no', 'No')}${unknownSelf}</select>
${problemsOf('self_referral')}
</div>
${REFERRERS.map(input).join('\n')}
</fieldset>
<fieldset class="part"><legend>Spotlight and directory</legend>
${flag('spotlight', 'Leave the spotlight rotation (spotlight: false): it stays on the list, but is never suggested for the spotlight')}
${flag('directory', 'Keep out of the website’s services directory (directory: false)')}
</fieldset>
<fieldset class="part"><legend>Checked with the organisation</legend>
<div class="field">
<label for="reviewed">Reviewed (the date the organisation last checked this profile)</label>
<span class="hint" id="h-reviewed">${reviewed ? `Last checked ${escapeHtml(reviewed)}.` : 'Never checked.'} The button at the top sets today’s date.</span>
<input type="${/^\d{4}-\d{2}-\d{2}$/u.test(reviewed) && validDay(reviewed) ? 'date' : reviewed === '' ? 'date' : 'text'}" id="reviewed" name="reviewed" ${described('reviewed', 'the hint above')}${invalid('reviewed')} value="${escapeHtml(reviewed)}">
${problemsOf('reviewed')}
</div>
</fieldset>
</form>`;
  return deskPage(fields.name ?? draft.id, body);
}

/** What is left for this profile, in plain words. */
export function todoOf(problems: readonly OrganisationProblem[], elsewhere: number): string[] {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const todo: string[] = [];
  if (errors > 0) todo.push(`Fix ${errors} problem${errors === 1 ? '' : 's'} marked “error”: the profile is not saved while a change adds one.`);
  if (warnings > 0)
    todo.push(`Look at ${warnings} warning${warnings === 1 ? '' : 's'}: they do not stop anything, but the directory would be more use to a referrer.`);
  if (elsewhere > 0) todo.push(`${elsewhere} error${elsewhere === 1 ? '' : 's'} in other organisations: see the list of organisations.`);
  if (todo.length === 0) todo.push('Nothing: the profile passes `snippet check`.');
  return todo;
}

function validDay(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1;
}

function problemList(field: string, problems: readonly OrganisationProblem[]): string {
  const items = problems.map(
    (p) =>
      `<li class="${p.severity}"><strong>${p.severity === 'error' ? 'Error' : 'Warning'}:</strong> ${escapeHtml(p.message)}${p.hint ? ` <span class="hint">${escapeHtml(p.hint)}</span>` : ''}</li>`,
  );
  return `<ul class="problems" id="p-${fieldId(field)}" data-for="${escapeHtml(field)}" aria-live="polite">${items.join('')}</ul>`;
}
