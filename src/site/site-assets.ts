/**
 * The site's own stylesheet and search script. Colours keep at least 4.5:1
 * in light and dark; focus is always visible; nothing is wider than a phone.
 */
export const SITE_CSS = `:root {
  color-scheme: light dark;
  --text: #1f2933; --muted: #52606d; --bg: #ffffff; --panel: #f5f2f9; --accent: #4a2c6d;
  --link: #1a56a0; --focus: #b45309; --on-accent: #ffffff; --badge-bg: #fce8e6; --badge: #9b1c1c; --rule: #4a2c6d;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e4e7eb; --muted: #b8c2cc; --bg: #121417; --panel: #1f2328; --accent: #2e1c45;
    --link: #8ab4f8; --focus: #fbbf24; --on-accent: #ffffff; --badge-bg: #5c1a1a; --badge: #fde2e1; --rule: #d6bcfa;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 1.0625rem/1.6 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; overflow-wrap: anywhere; }
.wrap { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:focus-visible, input:focus-visible, button:focus-visible, select:focus-visible, .button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
.skip { position: absolute; left: -999rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.event-title { font-size: 1.125rem; margin: 0 0 0.25rem; }
.skip:focus { left: 1rem; top: 1rem; z-index: 1; background: var(--bg); padding: 0.5rem 1rem; }
.masthead { background: var(--accent); color: var(--on-accent); padding: 1rem 0; }
.masthead a { color: var(--on-accent); }
.masthead a:focus-visible { outline-color: var(--on-accent); }
.site-name { margin: 0 0 0.5rem; font-weight: 700; font-size: 1.125rem; }
.site-name a { text-decoration: none; }
.masthead ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
.masthead [aria-current="page"] { font-weight: 700; }
main { padding-top: 1.5rem; padding-bottom: 2rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.375rem; line-height: 1.3; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.125rem; line-height: 1.35; margin: 0 0 0.25rem; }
.lead { font-size: 1.125rem; }
.meta, .carried, .breadcrumb { color: var(--muted); font-size: 0.9375rem; }
.endorsement { border-left: 4px solid var(--rule); padding-left: 0.75rem; color: var(--muted); }
.items, .services, .issue-list { list-style: none; padding: 0; margin: 0; }
.items > li, .services > li { border-top: 1px solid color-mix(in srgb, var(--muted) 35%, transparent); padding: 1rem 0; }
.item p, .services p { margin: 0.25rem 0; }
.badge { display: inline-block; margin: 0 0 0.25rem; padding: 0.1rem 0.5rem; border-radius: 4px; background: var(--badge-bg); color: var(--badge); font-size: 0.8125rem; font-weight: 700; text-transform: uppercase; }
.issue-list li { margin: 0.4rem 0; }
.facts dt { font-weight: 700; margin-top: 0.75rem; }
.facts dd { margin: 0; }
.facts dd > p { margin: 0.25rem 0; }
ul.inline { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
.filters ul { padding-left: 1.25rem; }
.note { background: var(--panel); padding: 0.75rem 1rem; border-radius: 4px; }
.button { display: inline-block; background: var(--accent); color: var(--on-accent); padding: 0.6rem 1.1rem; border-radius: 4px; text-decoration: none; font-weight: 700; }
.search { background: var(--panel); padding: 0.75rem 1rem; border-radius: 4px; margin: 1rem 0; }
.search label { display: block; font-weight: 700; }
.search-row { display: flex; gap: 0.5rem; margin-top: 0.25rem; }
.search input { flex: 1; min-width: 0; font: inherit; padding: 0.5rem; border: 2px solid var(--muted); border-radius: 4px; background: var(--bg); color: var(--text); }
.search button { font: inherit; font-weight: 700; padding: 0.5rem 1rem; border: 0; border-radius: 4px; background: var(--accent); color: var(--on-accent); cursor: pointer; }
.for { font-size: 1.125rem; margin: 0 0 0.75rem; }
.refer { background: var(--panel); padding: 0.25rem 1rem 0.75rem; border-radius: 4px; margin: 0 0 1rem; }
.refer h2 { margin-top: 0.5rem; }
.refer p { margin: 0.4rem 0; }
.actions { list-style: none; padding: 0; margin: 0.75rem 0 0.5rem; display: flex; flex-wrap: wrap; gap: 0.5rem; }
.copy { font: inherit; font-weight: 700; padding: 0.5rem 1rem; border: 2px solid var(--accent); border-radius: 4px; background: var(--bg); color: var(--text); cursor: pointer; }
.stale { color: var(--badge); }
.reach { font-weight: 700; }
.pager ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
.site-footer { border-top: 1px solid color-mix(in srgb, var(--muted) 35%, transparent); padding: 1rem 0 2rem; font-size: 0.9375rem; }
pre, code { white-space: pre-wrap; }
.print-only { display: none; }
/* A family without internet gets one A4 page per area: the list, each service's phone and referral route, nothing to click. */
@media print {
  @page { size: A4; margin: 12mm 14mm; }
  :root { color-scheme: light; --text: #000000; --muted: #333333; --bg: #ffffff; --link: #000000; --rule: #000000; }
  body { font-size: 10pt; line-height: 1.35; }
  .masthead, .skip, .search, .filters, .breadcrumb, .screen-only, script { display: none !important; }
  .print-only { display: block; }
  .wrap { max-width: none; padding: 0; }
  main { padding: 0; }
  h1 { font-size: 16pt; margin: 0 0 4pt; }
  h2 { font-size: 12pt; margin: 6pt 0 2pt; }
  h3 { font-size: 11pt; margin: 0; }
  a { text-decoration: none; }
  .services > li { padding: 4pt 0; break-inside: avoid; }
  .services p { margin: 1pt 0; }
  .endorsement { font-size: 9pt; }
  .site-footer { padding: 4pt 0 0; font-size: 9pt; }
  .site-footer p { margin: 2pt 0; }
}
img { max-width: 100%; height: auto; }
`;

/**
 * Searches the directory as you type: any of the words (and their synonyms)
 * may match, the best matches first; the heading says what is shown, and a
 * search that finds nothing says what to try. The page works without it.
 */
export const SEARCH_SCRIPT = `(function () {
  'use strict';
  var form = document.querySelector('form.search');
  var list = document.getElementById('services');
  if (!form || !list || !window.MiniSearch || !window.snippetSearch) return;
  var data = window.snippetSearch;
  var search = window.MiniSearch.loadJS(data.index, data.options);
  var input = form.querySelector('input');
  var heading = document.getElementById('results');
  var none = document.getElementById('no-results');
  var items = Array.prototype.slice.call(list.children);
  var allHeading = heading.textContent;
  form.hidden = false;
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  function widened(query) {
    var words = ' ' + query.toLowerCase().replace(/[^\\p{L}\\p{N}]+/gu, ' ') + ' ';
    var extra = [];
    Object.keys(data.synonyms).forEach(function (word) {
      if (words.indexOf(' ' + word + ' ') >= 0) extra = extra.concat(data.synonyms[word]);
    });
    return [query].concat(extra).join(' ');
  }
  function show() {
    var query = input.value.trim();
    if (query === '') {
      items.forEach(function (item) { item.hidden = false; list.appendChild(item); });
      heading.textContent = allHeading;
      none.hidden = true;
      return;
    }
    var results = search.search(widened(query), {
      combineWith: 'OR',
      prefix: function (term) { return term.length >= 3; },
      fuzzy: function (term) { return term.length >= 6 ? 0.2 : false; },
      boost: data.boost
    });
    var rank = {};
    results.forEach(function (result, index) { rank[result.id] = index; });
    items.forEach(function (item) { item.hidden = rank[item.getAttribute('data-id')] === undefined; });
    items.filter(function (item) { return !item.hidden; })
      .sort(function (a, b) { return rank[a.getAttribute('data-id')] - rank[b.getAttribute('data-id')]; })
      .forEach(function (item) { list.appendChild(item); });
    heading.textContent = 'Services matching \u201c' + query + '\u201d (' + results.length + ')';
    none.hidden = results.length > 0;
    none.firstElementChild.textContent = 'No service matches \u201c' + query + '\u201d.';
  }
  input.addEventListener('input', show);
  if (input.value) show();
})();
`;

/** "Copy referral details": the profile's details as plain text to the clipboard; without JavaScript the button stays hidden. */
export const COPY_SCRIPT = `(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('button.copy[data-copy]'), function (button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    var status = button.parentNode.querySelector('[role="status"]');
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(source.textContent).then(
        function () { status.textContent = 'Copied: paste them into your referral or notes.'; },
        function () { status.textContent = 'Your browser did not allow copying; select the details below instead.'; source.hidden = false; }
      );
    });
  });
})();
`;
