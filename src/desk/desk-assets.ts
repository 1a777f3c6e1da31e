/** The desk's one stylesheet: readable at 768 and 1280 px, visible focus, contrast AA. */
export const DESK_CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #8a8a8a; --accent: #0b5394; --error: #a4001d; --warn: #7a4b00; --paper: #fff; --soft: #f3f5f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: var(--paper); }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #ff9e1b; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: var(--paper); padding: 4px 8px; z-index: 2; }
.top { background: var(--accent); padding: 8px 16px; }
.top a { color: #fff; font-weight: 600; margin-right: 16px; }
.member-change label { font-weight: 400; margin-right: 4px; }
.member-change input[type=text] { width: 12em; }
main { padding: 16px; max-width: 1600px; margin: 0 auto; }
h1 .status { font-size: 0.6em; color: var(--muted); font-weight: 400; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
.desk { display: grid; grid-template-columns: minmax(0, 1fr); gap: 24px; }
@media (min-width: 1100px) { .desk { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } .preview { position: sticky; top: 8px; align-self: start; } }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 16px; padding: 8px 12px; }
legend { font-weight: 600; padding: 0 4px; }
.field { margin: 8px 0; }
.field > label { display: block; font-weight: 600; }
label.inline { font-weight: 400; margin-left: 8px; }
input[type=text], input[type=url], input[type=date], input[type=time], input[type=datetime-local], textarea { width: 100%; font: inherit; padding: 6px; border: 1px solid var(--line); border-radius: 4px; color: var(--ink); background: var(--paper); }
input[type=date], input[type=time], input[type=datetime-local] { width: auto; }
[aria-invalid=true] { border-color: var(--error); border-width: 2px; }
button { font: inherit; padding: 6px 12px; margin: 4px 8px 4px 0; border: 1px solid var(--accent); border-radius: 4px; background: var(--paper); color: var(--accent); cursor: pointer; }
button[value=save], button[value=approve], form[action="/new"] button { background: var(--accent); color: #fff; }
.problems { margin: 4px 0; padding: 0; list-style: none; }
.problems li.error { color: var(--error); }
.problems li.warning { color: var(--warn); }
.hint { color: var(--muted); display: block; }
.note { color: var(--muted); }
.todo, .notice, .conflict { background: var(--soft); border-left: 4px solid var(--accent); padding: 8px 12px; margin: 0 0 16px; }
.conflict { border-left-color: var(--error); }
.sticky { position: sticky; top: 0; z-index: 1; background: var(--paper); padding: 8px 0; border-bottom: 1px solid var(--line); }
.preview iframe { width: 100%; height: 80vh; border: 1px solid var(--line); background: #fff; }
.preview iframe.phone { width: 375px; max-width: 100%; height: 812px; }
pre, .message { white-space: pre-wrap; }
.intro-preview { border: 1px dashed var(--line); border-radius: 6px; padding: 4px 12px; margin: 8px 0; }
.intro-preview h3 { font-size: 1em; margin: 4px 0; }
.field-problem { margin: 4px 0; }
.field-problem strong, .send-lines li.error { color: var(--error); }
input[type=email], input[type=search] { width: 100%; max-width: 32em; font: inherit; padding: 6px; border: 1px solid var(--line); border-radius: 4px; color: var(--ink); background: var(--paper); }
.top a + a { margin-left: 16px; }
.organisation input[type=email], .organisation input[type=tel], .organisation select { width: 100%; font: inherit; padding: 6px; border: 1px solid var(--line); border-radius: 4px; color: var(--ink); background: var(--paper); }
.organisation .choice { display: block; font-weight: 400; }
`;

/**
 * The little JavaScript the desk has: as the coordinator types, the form is
 * checked by `snippet check`'s validator on the server and the problems
 * appear beside their fields. Save (the button, or Enter in a field) sends
 * the same form by fetch and puts the answer in place: the problems, the
 * version, the notice, and the email's frame loaded again; a refusal shows
 * the words the full page would, and the form keeps what was typed. Without
 * it, the form posts and the page loads again with the same.
 */
export const DESK_JS = `
(() => {
  const form = document.getElementById('editor');
  if (!form) return;
  // form.action would be the buttons named "action", not the address.
  const id = (field) => 'p-' + field.replace(/[^A-Za-z0-9_-]/g, '-');
  let timer, sent = 0;
  const show = (result) => {
    for (const list of document.querySelectorAll('ul.problems')) list.replaceChildren();
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    for (const p of result.problems) {
      let field = p.field, list = null;
      while (field && !(list = document.getElementById(id(field)))) field = field.includes('.') ? field.slice(0, field.lastIndexOf('.')) : undefined;
      if (!list) list = document.getElementById('p-general');
      const item = document.createElement('li');
      item.className = p.severity;
      const label = document.createElement('strong');
      label.textContent = p.severity === 'error' ? 'Error:' : 'Warning:';
      item.append(label, ' ' + p.message);
      if (p.hint) { const hint = document.createElement('span'); hint.className = 'hint'; hint.textContent = p.hint; item.append(' ', hint); }
      list.append(item);
      if (p.severity === 'error' && field) { const input = document.getElementById(id(field).slice(2)); if (input) input.setAttribute('aria-invalid', 'true'); }
    }
    const general = document.getElementById('p-general');
    document.getElementById('other').hidden = !general.firstChild;
    const todo = document.getElementById('todo');
    todo.replaceChildren(...result.todo.map((t) => { const li = document.createElement('li'); li.textContent = t; return li; }));
    // The server's own rendering (the email's Markdown renderer: no raw HTML, safe links only).
    const intro = document.getElementById('intro-preview');
    if (intro && typeof result.introHtml === 'string') intro.innerHTML = result.introHtml || '<p class="note">Nothing yet.</p>';
  };
  const check = async () => {
    const seq = ++sent;
    const body = new URLSearchParams(new FormData(form));
    const response = await fetch(form.getAttribute('action') + '/check', { method: 'POST', body, headers: { 'X-Desk-Check': String(seq) } });
    if (!response.ok || seq !== sent) return;
    show(await response.json());
    document.body.dataset.checked = String(seq);
  };
  form.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(check, 50); });

  const notice = document.getElementById('notice');
  const version = form.querySelector('input[name="version"]');
  let saving = false, queued = null, plain = false, saves = 0;
  const refusal = (title, message) => {
    const box = document.createElement('div');
    box.className = 'conflict';
    box.setAttribute('role', 'alert');
    const heading = document.createElement('h2');
    heading.textContent = title;
    const words = document.createElement('p');
    words.textContent = message;
    box.append(heading, words);
    return box;
  };
  const put = (result) => {
    for (const box of document.querySelectorAll('main > .conflict')) box.remove();
    if (result.saved) {
      version.value = result.version;
      for (const [prefix, item] of Object.entries(result.items)) {
        const part = form.querySelector('fieldset[data-field="' + prefix + '"]');
        if (!part) continue;
        const origin = part.querySelector('input[name="' + prefix + '.origin"]');
        if (origin) origin.value = item.origin;
        const actions = part.querySelector('.item-actions');
        const fresh = document.createElement('template');
        fresh.innerHTML = item.actions;
        const buttons = fresh.content.firstElementChild;
        if (!actions || !buttons || actions.isEqualNode(buttons)) continue;
        const focused = actions.contains(document.activeElement) ? document.activeElement.value : null;
        actions.replaceWith(buttons);
        if (focused) { const again = buttons.querySelector('button[value="' + focused + '"]'); if (again) again.focus(); }
      }
      document.getElementById('issue-status').textContent = result.status;
      show(result);
      notice.textContent = result.notice;
      notice.hidden = false;
      return;
    }
    notice.hidden = true;
    notice.textContent = '';
    if (result.refused) { notice.before(refusal(result.refused.title, result.refused.message)); return; }
    if (result.conflict) notice.insertAdjacentHTML('beforebegin', result.conflict);
    show(result);
    // The first field refused, with its problem tied to it (aria-describedby), has the focus.
    const refused = form.querySelector('[aria-invalid="true"]');
    if (refused && !result.conflict) refused.focus();
  };
  const save = async (submitter) => {
    if (saving) { queued = { submitter }; return; }
    saving = true;
    let result = null;
    const ticket = Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
    const body = new URLSearchParams(new FormData(form, submitter));
    // The email as saved: its frame alone is loaded again, at once, and the desk answers it once this save is written
    // (replace: no entry in the history).
    for (const frame of document.querySelectorAll('.preview iframe')) {
      const address = new URL(frame.src);
      address.searchParams.set('after', ticket);
      frame.contentWindow.location.replace(address.href);
    }
    let unanswered = false;
    try {
      const response = await fetch(form.getAttribute('action'), { method: 'POST', body, headers: { 'X-Desk-Save': 'fetch', 'X-Desk-Ticket': ticket } });
      if ((response.headers.get('content-type') || '').startsWith('application/json')) result = await response.json();
    } catch {
      // No answer at all (the desk stopped, during the save or before it): a plain post would leave this page
      // for the browser's own error page, with what was typed behind it.
      unanswered = true;
    }
    saving = false;
    if (unanswered) {
      queued = null;
      for (const box of document.querySelectorAll('main > .conflict')) box.remove();
      notice.hidden = true;
      notice.before(refusal('The desk did not answer', 'It may have stopped, so this may not have been saved. What you typed is still on this page: copy anything you want to keep, then start the desk again (snippet desk) and open the address it prints.'));
      return;
    }
    if (!result) {
      // An answer the script does not know (a fault): the plain post, and the page it answers with.
      plain = true;
      form.requestSubmit(submitter);
      return;
    }
    if (result.reload) { window.location.assign(result.reload); return; }
    put(result);
    document.body.dataset.saved = String(++saves);
    if (queued) { const next = queued.submitter; queued = null; save(next); }
  };
  form.addEventListener('submit', (event) => {
    const submitter = event.submitter;
    if (plain || (submitter && submitter.value !== 'save')) return;
    event.preventDefault();
    save(submitter || null);
  });
})();
(() => {
  // A send to the list: the page follows it, each request answered when something has changed (no timer).
  const sending = document.getElementById('sending');
  if (!sending || !sending.dataset.running) return;
  const follow = async () => {
    for (let turn = 0; turn < 1000000 && sending.dataset.running; turn++) {
      const response = await fetch('/issues/' + sending.dataset.issue + '/send/progress?seen=' + sending.dataset.version);
      const state = response.ok ? await response.json() : null;
      if (!state) return;
      sending.innerHTML = state.html;
      sending.dataset.version = String(state.version);
      if (state.ended) { delete sending.dataset.running; document.body.dataset.sent = state.ended; }
    }
  };
  follow();
})();
`;
