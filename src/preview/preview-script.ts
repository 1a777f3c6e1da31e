/**
 * The page's script, sent as written (the browser runs it, not Node). It
 * keeps the page current from `/events`: swaps in the server-rendered panels
 * and the plain text, and reloads the frame only when a new good version
 * exists, keeping the reader's scroll position. `data-generation` on the
 * root element says which render is fully on screen.
 */
export const PREVIEW_SCRIPT = String.raw`
(() => {
  const root = document.documentElement;
  const frame = document.getElementById('email');
  const box = frame.parentElement;
  const status = document.getElementById('status');
  const size = document.getElementById('frame-size');
  let view = { width: 'desktop', scheme: 'light' };
  let current = JSON.parse(document.getElementById('initial').textContent);
  let loading = 0;
  let savedScroll = 0;

  function fitHeight() {
    const doc = frame.contentDocument;
    if (doc && doc.documentElement) frame.style.height = Math.max(400, doc.documentElement.scrollHeight) + 16 + 'px';
  }
  function showSize() {
    size.textContent = '(' + (view.width === 'phone' ? 375 : frame.clientWidth) + ' px, ' + view.scheme + ')';
  }
  function loadFrame(update) {
    if (update.shown === 0) return false;
    try { savedScroll = frame.contentWindow ? frame.contentWindow.scrollY : 0; } catch { savedScroll = 0; }
    loading = update.generation;
    frame.src = 'email.html?g=' + update.shown + '&scheme=' + view.scheme;
    return true;
  }
  frame.addEventListener('load', () => {
    fitHeight();
    try { if (savedScroll) frame.contentWindow.scrollTo(0, savedScroll); } catch {}
    if (loading) { root.dataset.generation = String(loading); loading = 0; }
    showSize();
  });

  function apply(update) {
    const newEmail = update.shown !== current.shown;
    current = update;
    document.getElementById('issue').textContent = update.issue || '';
    document.title = 'snippet preview' + (update.issue ? ' · ' + update.issue : '');
    document.getElementById('problems').innerHTML = update.panels.problems;
    document.getElementById('headers').innerHTML = update.panels.headers;
    document.getElementById('text').textContent = update.text || '';
    root.dataset.shown = String(update.shown);
    status.className = '';
    status.textContent = 'Live · updated ' + new Date().toLocaleTimeString();
    if (!(newEmail && loadFrame(update))) root.dataset.generation = String(update.generation);
  }

  function press(attribute, value) {
    for (const button of document.querySelectorAll('[data-' + attribute + ']')) {
      if (button.tagName === 'BUTTON') button.setAttribute('aria-pressed', String(button.dataset[attribute] === value));
    }
  }
  document.querySelector('.controls').addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    if (button.dataset.width) {
      view.width = button.dataset.width;
      box.dataset.width = view.width;
      press('width', view.width);
      requestAnimationFrame(() => { fitHeight(); showSize(); });
    } else if (button.dataset.scheme) {
      view.scheme = button.dataset.scheme;
      press('scheme', view.scheme);
      loadFrame({ ...current, generation: Number(root.dataset.generation) });
    }
  });
  addEventListener('resize', () => { fitHeight(); showSize(); });
  showSize();

  const events = new EventSource('events');
  events.addEventListener('state', (event) => apply(JSON.parse(event.data)));
  events.addEventListener('error', () => {
    status.className = 'down';
    status.textContent = 'Not connected: is snippet preview still running? Retrying…';
  });
})();
`;
