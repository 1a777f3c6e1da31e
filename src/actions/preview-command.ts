import { once } from 'node:events';
import { isSnippetError, problemsOf, type Problem } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import { formatMailbox } from '../schema/mailbox.js';
import { debounce } from '../preview/debounce.js';
import { listenOnFreePort } from '../preview/listen-on-free-port.js';
import { createPreviewServer } from '../preview/preview-server.js';
import type { MemberHeaders, PreviewRender } from '../preview/preview-state.js';
import { createRenderJob } from '../preview/render-job.js';
import { watchWorkspace } from '../preview/watch-workspace.js';
import { isLoopback } from '../schema/is-loopback.js';
import type { Output } from '../output.js';
import { prepareIssue, requireRendered } from './prepare-issue.js';
import { composeSampleMessage, type SampleMessage } from './sample-message.js';

export const DEFAULT_PREVIEW_PORT = 4300;
/** Long enough to take an editor's save burst as one change, short enough to feel immediate. */
export const SAVE_DEBOUNCE_MS = 60;

export interface PreviewOptions {
  dir: string;
  issue: IssueId | undefined;
  host: string;
  port: number;
  unsubscribeSecret: string | undefined;
}

export interface PreviewHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** `snippet preview`: serves the preview until `signal` aborts (Ctrl-C in the CLI). */
export async function previewCommand(options: PreviewOptions, out: Output, signal: AbortSignal): Promise<void> {
  const preview = await startPreview(options, out);
  if (!signal.aborted) await once(signal, 'abort');
  await preview.close();
  out.info('Preview stopped.');
}

/** Starts the server and the watcher, renders once, and returns at once with a way to stop. */
export async function startPreview(options: PreviewOptions, out: Output): Promise<PreviewHandle> {
  const job = createRenderJob(() => renderForPreview(options));
  const loopback = isLoopback(options.host);
  const server = createPreviewServer(job, loopback ? new Set(['localhost', '127.0.0.1', '[::1]', options.host]) : undefined);
  const { port, taken } = await listenOnFreePort(server, options.host, options.port);
  if (taken.length > 0) {
    out.warn(
      `Port ${taken[0]} is taken (another preview or program is using it)${taken.length > 1 ? `, and so ${taken.length === 2 ? 'is' : 'are'} ${taken.slice(1).join(', ')}` : ''}; using port ${port} instead.`,
    );
  }
  if (!loopback) out.warn(`warning: the preview is open to other computers on ${options.host}; it shows the sample member's address.`);

  let lastReport = '';
  job.subscribe((state) => {
    const report = summary(state.latest);
    if (report !== lastReport || state.latest.message) out.info(`${new Date().toLocaleTimeString('en-GB')} ${report}`);
    lastReport = report;
  });
  const rerender = debounce(() => void job.request(), SAVE_DEBOUNCE_MS);
  const watcher = watchWorkspace(options.dir, () => rerender.call());
  await job.request();

  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`;
  out.info(`Previewing ${job.current().latest.issue ?? 'the latest issue'} at ${url}`);
  out.info('It updates as you save the issue, organisations, config or templates. Press Ctrl-C to stop.');
  return {
    url,
    port,
    async close() {
      rerender.cancel();
      watcher.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One render for the page. Never throws: bad input becomes problems, a bug becomes `error`. */
async function renderForPreview(options: PreviewOptions): Promise<PreviewRender> {
  const started = performance.now();
  const result = (partial: Omit<PreviewRender, 'ms'>): PreviewRender => ({ ...partial, ms: Math.round(performance.now() - started) });
  let problems: Problem[] = [];
  let issue: string | undefined = options.issue;
  try {
    const prepared = await prepareIssue(options.dir, options.issue);
    problems = prepared.problems;
    issue = prepared.issue?.id ?? issue;
    const ready = requireRendered(prepared);
    const message = composeSampleMessage(ready, { unsubscribeSecret: options.unsubscribeSecret, now: new Date() });
    return result({
      issue: ready.issue.id,
      message: { headers: memberHeaders(message, ready.rendered.preheader), html: message.html, text: message.text },
      problems,
      error: undefined,
    });
  } catch (error) {
    if (isSnippetError(error))
      return result({ issue, message: undefined, problems: problems.length > 0 ? problems : problemsOf(error, 'issues/'), error: undefined });
    return result({ issue, message: undefined, problems, error: error instanceof Error ? error.message : String(error) });
  }
}

function memberHeaders(message: SampleMessage, preheader: string): MemberHeaders {
  return {
    subject: message.subject,
    preheader,
    from: formatMailbox(message.from),
    replyTo: message.replyTo ? formatMailbox(message.replyTo) : undefined,
    to: formatMailbox(message.to),
    listUnsubscribe: message.listUnsubscribe,
  };
}

function summary(render: PreviewRender): string {
  if (render.error !== undefined) return `could not render: ${render.error}`;
  const errors = render.problems.filter((p) => p.severity === 'error').length;
  const warnings = render.problems.length - errors;
  if (!render.message) return `${errors} error${errors === 1 ? '' : 's'}: the page shows them, and the last good version`;
  return `rendered ${render.issue ?? ''} in ${render.ms} ms${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`;
}
