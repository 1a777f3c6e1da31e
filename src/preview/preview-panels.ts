import { formatLocation, type Problem } from '../errors.js';
import { escapeHtml } from '../render/escape-html.js';
import { isStale, type MemberHeaders, type PreviewState } from './preview-state.js';

/** The page's changing parts, as HTML fragments. */
export interface PreviewPanels {
  /** The notice and the problem list. */
  problems: string;
  /** What a member sees before opening the message. */
  headers: string;
}

/** Pure: the panels for a state. Everything from the workspace is escaped. */
export function previewPanels(state: PreviewState): PreviewPanels {
  return { problems: problemsPanel(state), headers: headersPanel(state.good?.render.message.headers) };
}

function problemsPanel(state: PreviewState): string {
  const { latest } = state;
  const parts: string[] = [];
  if (latest.error !== undefined) {
    parts.push(
      `<p class="notice error" role="alert">The preview could not render this version: ${escapeHtml(latest.error)}. This is a bug in snippet, not in your files; the preview keeps running.</p>`,
    );
  }
  const errors = latest.problems.filter((p) => p.severity === 'error').length;
  const fix = errors > 0 ? `: the files have ${plural(errors, 'error')}. Fix ${errors === 1 ? 'it' : 'them'} and save; the preview updates by itself` : '';
  if (isStale(state)) {
    parts.push(`<p class="notice stale" role="status">Showing the last good version${fix}.</p>`);
  } else if (state.good === undefined && errors > 0) {
    parts.push(`<p class="notice stale" role="status">Nothing to show yet${fix}.</p>`);
  }
  if (latest.problems.length === 0) {
    if (latest.error === undefined && state.generation > 0) parts.push('<p class="ok">No problems: this is what <code>snippet check</code> would pass.</p>');
  } else {
    parts.push(`<ul class="problems">${latest.problems.map(problemItem).join('')}</ul>`);
  }
  return parts.join('');
}

function problemItem(problem: Problem): string {
  const hint = problem.hint ? `<div class="hint">${escapeHtml(problem.hint)}</div>` : '';
  return `<li class="${problem.severity}"><code class="where">${escapeHtml(formatLocation(problem))}</code> <span class="severity">${problem.severity}</span>: ${escapeHtml(problem.message)}${hint}</li>`;
}

function headersPanel(headers: MemberHeaders | undefined): string {
  if (!headers) return '<p class="empty">No version of the email has rendered yet.</p>';
  const rows: Array<[string, string | undefined]> = [
    ['Subject', headers.subject],
    ['Preheader', headers.preheader],
    ['From', headers.from],
    ['Reply-To', headers.replyTo],
    ['To', `${headers.to} (the sample member, as in snippet build)`],
    ['List-Unsubscribe', headers.listUnsubscribe],
  ];
  const body = rows.map(
    ([name, value]) =>
      `<tr><th scope="row">${name}</th><td${name === 'Subject' ? ' id="subject"' : ''}>${value === undefined || value === '' ? '<span class="none">(none)</span>' : escapeHtml(value)}</td></tr>`,
  );
  return `<table class="headers">${body.join('')}</table>`;
}

function plural(count: number, word: string): string {
  return `${count === 0 ? 'no' : count} ${word}${count === 1 ? '' : 's'}`;
}
