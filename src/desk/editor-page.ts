import type { FieldProblem, IssueDraft } from '../actions/issue-editor.js';
import { EDITABLE_FIELDS, type ItemEdit } from '../issue/edit-issue-text.js';
import { ITEM_SECTIONS, type ItemSection } from '../issue/issue.js';
import { SECTION_FIELDS, SECTION_TITLES, TOP_LABELS, type EditorModel, type FieldSpec } from './editor-model.js';
import { deskPage, escapeHtml, fieldId } from './html.js';

export interface EditorView {
  draft: IssueDraft;
  model: EditorModel;
  /** Problems to show (the draft's, or those of what was just posted). */
  problems: readonly FieldProblem[];
  todo: readonly string[];
  /** The version the form is based on. */
  version: string;
  notice?: string;
  /** The file changed on disk under the form: say so and offer to reload. */
  conflict?: string;
  /** The preview's width: a desktop's, or a 375 px phone's. */
  phone?: boolean;
  /** The introduction's Markdown rendered as the email renders it (safe HTML). */
  introHtml?: string;
  /** The "Test and send" part (send-pages.ts), below the form responses. */
  sendSection?: string;
}

/** Pure: the issue editor, a form that works without JavaScript; the preview beside it. */
export function editorPage(view: EditorView): string {
  const { draft, model } = view;
  const fieldNames = new Set<string>([...EDITABLE_FIELDS, 'intro']);
  for (const section of ITEM_SECTIONS) {
    fieldNames.add(section);
    model.sections[section].forEach((_item, index) => {
      fieldNames.add(`${section}.${index}`);
      for (const spec of SECTION_FIELDS[section]) fieldNames.add(`${section}.${index}.${spec.name}`);
    });
  }
  // Each problem goes to its field, else the nearest enclosing part the form shows, else the top of the page.
  const byField = new Map<string, FieldProblem[]>();
  const general: FieldProblem[] = [];
  for (const problem of view.problems) {
    let field = problem.field;
    while (field !== undefined && !fieldNames.has(field)) field = field.includes('.') ? field.slice(0, field.lastIndexOf('.')) : undefined;
    if (field === undefined) general.push(problem);
    else byField.set(field, [...(byField.get(field) ?? []), problem]);
  }
  const problemsOf = (field: string): string => problemList(field, byField.get(field) ?? []);
  const invalid = (field: string): string => ((byField.get(field) ?? []).some((p) => p.severity === 'error') ? ' aria-invalid="true"' : '');

  const input = (field: string, label: string, value: string, kind: FieldSpec['kind'] | 'datetime' | 'subject'): string => {
    const id = fieldId(field);
    const described = `aria-describedby="p-${id}"`;
    const attributes = `id="${id}" name="${escapeHtml(field)}" ${described}${invalid(field)}`;
    let control: string;
    if (kind === 'markdown') control = `<textarea ${attributes} rows="4">${escapeHtml(value)}</textarea>`;
    else if (kind === 'deadline') {
      const rolling = value === 'rolling';
      const prefix = field.slice(0, field.lastIndexOf('.'));
      control = `${typed('date', attributes, rolling ? '' : value)}
<label class="inline"><input type="checkbox" name="${escapeHtml(prefix)}.rolling" value="yes"${rolling ? ' checked' : ''}> Rolling (open all year)</label>`;
    } else if (kind === 'organisation') control = `<input type="text" list="organisations" autocomplete="off" ${attributes} value="${escapeHtml(value)}">`;
    else if (kind === 'url') control = `<input type="url" inputmode="url" ${attributes} value="${escapeHtml(value)}">`;
    else control = typed(kind, attributes, value);
    return `<div class="field" data-field="${escapeHtml(field)}">
<label for="${id}">${escapeHtml(label)}</label>
${control}
${problemsOf(field)}
</div>`;
  };

  const top = EDITABLE_FIELDS.filter((f) => f !== 'spotlight' && f !== 'spotlight_note').map((field) =>
    input(field, TOP_LABELS[field], model.fields[field], field === 'send_at' ? 'datetime' : 'text'),
  );
  const suggestion = draft.suggestion
    ? `<p class="note" id="spotlight-suggestion">The rotation suggests <strong>${escapeHtml(draft.suggestion.name)}</strong> (${escapeHtml(draft.suggestion.id)}), ${
        draft.suggestion.lastFeatured ? `last featured in ${escapeHtml(draft.suggestion.lastFeatured)}` : 'never featured before'
      }.</p>`
    : '';
  const spotlight = `<fieldset class="part" data-field="spotlight-part">
<legend>Spotlight</legend>
${suggestion}
${input('spotlight', TOP_LABELS.spotlight, model.fields.spotlight, 'organisation')}
${input('spotlight_note', TOP_LABELS.spotlight_note, model.fields.spotlight_note, 'markdown')}
</fieldset>`;

  const sections = ITEM_SECTIONS.map((section) => sectionForm(section, model, input, problemsOf));
  const unplaced = `<section aria-labelledby="other-problems" id="other"${general.length > 0 ? '' : ' hidden'}><h2 id="other-problems">Other problems</h2>${problemList('general', general)}</section>`;
  const conflict = view.conflict ? conflictBox(draft.id, view.conflict) : '';
  // Always there (hidden while empty), so that a save by the page's script can fill it and be announced.
  const notice = `<p class="notice" role="status" id="notice"${view.notice ? '' : ' hidden'}>${escapeHtml(view.notice ?? '')}</p>`;
  const datalist = `<datalist id="organisations">${draft.organisations.map((o) => `<option value="${escapeHtml(o.id)}">${escapeHtml(o.name)}</option>`).join('')}</datalist>`;

  const body = `<h1>${escapeHtml(draft.id)} <span class="status" id="issue-status">${escapeHtml(draft.status ?? '')}</span></h1>
${conflict}${notice}
<section class="todo" aria-labelledby="todo-title"><h2 id="todo-title">What is left to do</h2><ul id="todo">${view.todo.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul></section>
${unplaced}
<form method="post" action="/issues/${draft.id}/responses" enctype="multipart/form-data" class="part upload">
<label for="responses-file">Form responses (the .xlsx from Microsoft Forms, or a CSV)</label>
<input type="file" id="responses-file" name="file" accept=".xlsx,.csv,text/csv">
<button type="submit">Check the responses</button>
<span class="note">You see what each response would add before anything is written. Save your changes first.</span>
</form>
${view.sendSection ?? ''}
<div class="desk">
<form method="post" action="/issues/${draft.id}" id="editor" class="editor" novalidate>
<input type="hidden" name="version" value="${escapeHtml(view.version)}">
<div class="actions sticky">
<button type="submit" name="action" value="save">Save</button>
<button type="submit" name="action" value="approve">Approve</button>
<span class="note">Enter in a field saves too. Approve is refused while check finds errors.</span>
</div>
${datalist}
<fieldset class="part"><legend>The issue</legend>
${top.join('\n')}
</fieldset>
<fieldset class="part"><legend>Introduction</legend>
${input('intro', 'Introduction (Markdown)', model.intro, 'markdown').replace('rows="4"', 'rows="10"')}
${introSection(view.introHtml ?? '')}
</fieldset>
${spotlight}
${sections.join('\n')}
</form>
<aside class="preview" aria-labelledby="preview-title">
<h2 id="preview-title">Preview (as saved)</h2>
<p class="views">${
    view.phone
      ? `<a href="/issues/${draft.id}#preview-title">Desktop</a> · Phone`
      : `Desktop · <a href="/issues/${draft.id}?view=phone#preview-title">Phone</a>`
  } · <a href="/issues/${draft.id}/email.html">Light</a> · <a href="/issues/${draft.id}/email.html?scheme=dark">Dark</a> · <a href="/issues/${draft.id}/email.txt">Plain text</a></p>
<iframe id="email"${view.phone ? ' class="phone"' : ''} title="The email as a member sees it" src="/issues/${draft.id}/email.html" sandbox="allow-popups"></iframe>
</aside>
</div>`;
  return deskPage(`${draft.id}`, body);
}

type Input = (field: string, label: string, value: string, kind: FieldSpec['kind'] | 'datetime' | 'subject') => string;

function sectionForm(section: ItemSection, model: EditorModel, input: Input, problemsOf: (field: string) => string): string {
  const items = model.sections[section];
  const fieldsets = items.map((item, index) => {
    const prefix = `${section}.${index}`;
    return `<fieldset class="item" data-field="${prefix}">
<legend>${escapeHtml(SECTION_TITLES[section])}, item ${index + 1}</legend>
<input type="hidden" name="${prefix}.origin" value="${item.origin ?? 'new'}">
${problemsOf(prefix)}
${SECTION_FIELDS[section].map((spec) => input(`${prefix}.${spec.name}`, spec.label, item.fields[spec.name] ?? '', spec.kind)).join('\n')}
${itemActions(section, items, index)}
</fieldset>`;
  });
  return `<section class="part" aria-labelledby="h-${section}" data-field="${section}">
<h2 id="h-${section}">${escapeHtml(SECTION_TITLES[section])}</h2>
${problemsOf(section)}
${fieldsets.join('\n')}
<button type="submit" name="action" value="add:${section}">Add an item to ${escapeHtml(SECTION_TITLES[section].toLowerCase())}</button>
</section>`;
}

/** Pure: an item's buttons (move up, move down, remove), named after its title; a save by the page's script puts them in again. */
export function itemActions(section: ItemSection, items: readonly ItemEdit[], index: number): string {
  const prefix = `${section}.${index}`;
  const item = items[index];
  const title = item?.fields.title;
  const name = title ? `“${title.slice(0, 80)}”` : 'new item';
  const moves =
    item?.origin === undefined
      ? ''
      : `${index > 0 ? `<button type="submit" name="action" value="up:${prefix}" aria-label="Move up: ${escapeHtml(name)}">Move up</button>` : ''}${
          index < items.length - 1 && items[index + 1]?.origin !== undefined
            ? `<button type="submit" name="action" value="down:${prefix}" aria-label="Move down: ${escapeHtml(name)}">Move down</button>`
            : ''
        }`;
  return `<div class="item-actions">${moves}<button type="submit" name="action" value="remove:${prefix}" aria-label="Remove: ${escapeHtml(name)}">Remove</button></div>`;
}

/** Pure: the refusal of a save over a changed file, with the way back to the file as it is now. */
export function conflictBox(id: string, message: string): string {
  return `<div class="conflict" role="alert"><h2>Not saved: the file changed</h2><p>${escapeHtml(message)}</p><p>Everything you typed is still in the form below. Copy what you need, then <a href="/issues/${id}">reload the file as it is now</a>.</p></div>`;
}

/** A date, time or date-and-time picker when the value is one the picker can hold; otherwise text, so nothing typed is blanked. */
function typed(kind: string, attributes: string, value: string): string {
  const pattern: Record<string, [string, RegExp]> = {
    date: ['date', /^\d{4}-\d{2}-\d{2}$/u],
    time: ['time', /^\d{2}:\d{2}$/u],
    datetime: ['datetime-local', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/u],
  };
  const picker = pattern[kind];
  const type = picker && (value === '' || (picker[1].test(value) && validDate(value))) ? picker[0] : 'text';
  return `<input type="${type}" ${attributes} value="${escapeHtml(value)}">`;
}

function validDate(value: string): boolean {
  const day = /^(\d{4})-(\d{2})-(\d{2})/u.exec(value);
  if (!day) return true;
  const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  return date.getUTCDate() === Number(day[3]) && date.getUTCMonth() === Number(day[2]) - 1;
}

function problemList(field: string, problems: readonly FieldProblem[]): string {
  const items = problems.map(
    (p) =>
      `<li class="${p.severity}"><strong>${p.severity === 'error' ? 'Error' : 'Warning'}:</strong> ${escapeHtml(p.message)}${p.hint ? ` <span class="hint">${escapeHtml(p.hint)}</span>` : ''}</li>`,
  );
  return `<ul class="problems" id="p-${fieldId(field)}" data-for="${escapeHtml(field)}" aria-live="polite">${items.join('')}</ul>`;
}

/** The introduction as members read it, beside its Markdown: updated as it is typed, or by the button without JavaScript. */
function introSection(html: string): string {
  return `<section class="intro-preview" aria-labelledby="intro-preview-title">
<h3 id="intro-preview-title">The introduction as members read it</h3>
<div id="intro-preview" aria-live="polite">${html === '' ? '<p class="note">Nothing yet.</p>' : html}</div>
<button type="submit" name="action" value="preview-intro">Preview the introduction</button> <span class="note">Shows what you typed without saving it.</span>
</section>`;
}
