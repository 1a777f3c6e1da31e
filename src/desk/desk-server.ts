import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { checkIssueEdits, approveIssue, openIssue, saveIssueEdits } from '../actions/issue-editor.js';
import { isIssueChangedError } from '../actions/issue-text.js';
import { previewIssue } from '../actions/issue-preview.js';
import { introPreview } from '../actions/intro-preview.js';
import { listIssues } from '../actions/list-issues.js';
import { newCommand } from '../actions/new-command.js';
import { statusCommand } from '../actions/status-command.js';
import { isSnippetError } from '../errors.js';
import { isIssueId } from '../issue/issue-id.js';
import { emailForFrame } from '../preview/email-for-frame.js';
import { formatZoned } from '../time/zoned-time.js';
import { collectOutput } from './collect-output.js';
import type { DeskAnswer } from './desk-answer.js';
import { DESK_CSS, DESK_JS } from './desk-assets.js';
import { applyButton, editsOfModel, modelOfDraft, modelOfForm } from './editor-model.js';
import { editorPage } from './editor-page.js';
import { guardRequest, type DeskSecrets } from './guard-request.js';
import { errorWords } from './error-words.js';
import { messagePage } from './html.js';
import { conflictAnswer, savedAnswer, type SaveAnswer } from './save-answer.js';
import { organisationsRoute } from './organisations-route.js';
import { issuesPage } from './issues-page.js';
import { statusPage } from './status-page.js';
import { BodyTooLarge, readBody, readForm } from './read-body.js';
import { membersRoute, type MembersRouteContext } from './members-routes.js';
import { MembersUploads } from './members-upload.js';
import { SaveTickets } from './save-tickets.js';
import { SendJobs } from './send-jobs.js';
import { sendSection } from './send-pages.js';
import { SEND_PARTS, sendRoute, type SendRouteContext } from './send-routes.js';
import { responsesReportPage, ResponsesUploads, UPLOAD_LIMIT } from './responses-upload.js';

/** Large enough that a 5 MB title is answered beside its field, not by a dropped connection. */
export const FORM_LIMIT = 8 * 1024 * 1024;

/** Nothing from other sites; the desk's own script and style only. */
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/** The email in its frame: its own inline styles, no script, nothing fetched from elsewhere. */
const EMAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

export interface DeskSettings extends DeskSecrets {
  dir: string;
  /** The environment the desk was started with (snippet.env read into it): SMTP settings for a send. */
  env: NodeJS.ProcessEnv;
  unsubscribeSecret: string | undefined;
  now: () => Date;
}

/**
 * The desk's HTTP side on node:http: every request passes the guard (Host,
 * token, Origin), then one route. Pages are built by pure functions; every
 * change goes through an action, as the CLI's would.
 */
export function createDeskServer(settings: DeskSettings): Server {
  const notices = new Map<string, string[]>();
  const uploads = new ResponsesUploads();
  const jobs = new SendJobs();
  const tickets = new SaveTickets();
  const members = new MembersUploads();
  const closed = new AbortController();
  const server = createServer((request, response) => {
    const more = { sending: { ...settings, jobs, notices, closed: closed.signal }, members: { ...settings, uploads: members, notices }, tickets };
    route(settings, notices, uploads, more, request, response).catch((error: unknown) => {
      // A bug costs one response, never the server; a user's mistake is a page that says what to do.
      const page = isSnippetError(error)
        ? messagePage('That did not work', errorWords(error))
        : messagePage('Something went wrong in the desk', 'This is a fault in snippet, not in your work. Reload the page; if it happens again, report it.');
      if (!isSnippetError(error)) console.error(error);
      if (!response.headersSent) send(response, isSnippetError(error) ? 400 : 500, 'text/html', page);
      else response.destroy();
    });
  });
  server.on('close', () => {
    void uploads.close();
    void members.close();
    jobs.close();
    tickets.close();
    closed.abort();
  });
  return server;
}

async function route(
  settings: DeskSettings,
  notices: Map<string, string[]>,
  uploads: ResponsesUploads,
  more: { sending: SendRouteContext; members: MembersRouteContext; tickets: SaveTickets },
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  // A save sent by the editor's script: the frame waiting on its ticket loads once the save is written, or once this
  // request is answered, whatever the answer (a refusal by the guard included).
  const ticket =
    request.method === 'POST' && request.headers['x-desk-save'] === 'fetch' && /^\/issues\/\d{4}-\d{2}(?:\?|$)/u.test(request.url ?? '')
      ? SaveTickets.valid(request.headers['x-desk-ticket'])
      : undefined;
  const settle = (): void => {
    if (ticket) more.tickets.settle(ticket);
  };
  response.on('close', settle);
  const verdict = guardRequest(
    { method: request.method ?? 'GET', url: request.url ?? '/', host: request.headers.host, origin: request.headers.origin, cookie: request.headers.cookie },
    settings,
  );
  if (!verdict.pass) {
    if (verdict.status === 303) {
      response.writeHead(303, { Location: verdict.location, 'Set-Cookie': verdict.setCookie, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
      response.end();
      return;
    }
    request.resume();
    return send(response, verdict.status, 'text/html', messagePage('Refused', verdict.reason, false));
  }
  const url = new URL(request.url ?? '/', 'http://desk.invalid');
  const path = url.pathname;
  const post = request.method === 'POST';
  if (path === '/desk.css') return send(response, 200, 'text/css', DESK_CSS);
  if (path === '/desk.js') return send(response, 200, 'text/javascript', DESK_JS);
  if (path === '/' && !post) return send(response, 200, 'text/html', await issuesList(settings, notices.get('') ?? [], () => notices.delete('')));
  if (path === '/new' && post) {
    request.resume();
    const lines: string[] = [];
    const result = await newCommand({ dir: settings.dir, issue: undefined, now: settings.now() }, collectOutput(lines));
    notices.set(result.issue, lines);
    return redirect(response, `/issues/${result.issue}`);
  }
  if (path === '/members' || path.startsWith('/members/')) {
    const said = await membersRoute(more.members, path, request, url);
    if (said) return answer(response, said);
  }
  const organisations = /^\/organisations(?:\/([a-z0-9]+(?:-[a-z0-9]+)*)(\/check)?)?$/u.exec(path);
  if (organisations) {
    const form = post ? await readForm(request, FORM_LIMIT) : undefined;
    if (post && !form) return tooLarge(response);
    const reply = await organisationsRoute({
      dir: settings.dir,
      now: settings.now,
      id: organisations[1],
      check: organisations[2] !== undefined,
      form,
      notices,
    });
    return 'redirect' in reply ? redirect(response, reply.redirect) : send(response, reply.status, reply.type, reply.body);
  }
  const match =
    /^\/issues\/(\d{4}-\d{2})(\/check|\/email\.html|\/email\.txt|\/responses|\/responses\/confirm|\/status|\/test-send|\/send|\/send\/progress)?$/u.exec(path);
  if (!match || !isIssueId(match[1]!)) return send(response, 404, 'text/html', messagePage('Not found', 'There is no such page on the desk.'));
  const id = match[1]!;
  const part = match[2];
  if (part !== undefined && SEND_PARTS.has(part)) return answer(response, await sendRoute(more.sending, id, part, request, url));
  if (part === '/email.html' || part === '/email.txt') {
    // Loaded again by the editor's script as it sends a save: shown once that save is written (or refused).
    const after = SaveTickets.valid(url.searchParams.get('after'));
    if (after) await more.tickets.after(after);
    return emailView(settings, id, part, url.searchParams.get('scheme'), response);
  }
  if (part === '/status' && !post) {
    const status = await statusCommand({ dir: settings.dir, issue: id, json: true }, collectOutput([]));
    const zone = status.timeZone;
    return send(
      response,
      200,
      'text/html',
      statusPage(status, zone, (iso) => formatZoned(new Date(iso), zone)),
    );
  }
  if (!post) {
    const draft = await openIssue(settings.dir, id);
    const model = modelOfDraft(draft);
    const adding = url.searchParams.get('add');
    if (adding === 'research' || adding === 'training' || adding === 'funding' || adding === 'news') {
      model.sections[adding] = [...model.sections[adding], { origin: undefined, fields: {} }];
    }
    const notice = notices.get(id);
    notices.delete(id);
    const view = {
      draft,
      model,
      problems: draft.problems,
      todo: draft.todo,
      version: draft.version,
      phone: url.searchParams.get('view') === 'phone',
      introHtml: introPreview(model.intro),
      sendSection: sendSection(id, draft.testAddress ?? ''),
    };
    return send(response, 200, 'text/html', editorPage(notice ? { ...view, notice: notice.join(' ') } : view));
  }

  // The editor's script saves by fetch and is answered in JSON; anything else it sends is a plain post.
  const byScript = request.headers['x-desk-save'] === 'fetch';
  let form: URLSearchParams;
  try {
    if (part === '/responses') {
      const body = await readBody(request, UPLOAD_LIMIT);
      const contentType = request.headers['content-type'] ?? '';
      const report = await uploads.dryRun(settings.dir, id, body, contentType);
      return send(response, 200, 'text/html', responsesReportPage(id, report));
    }
    form = new URLSearchParams((await readBody(request, FORM_LIMIT)).toString('utf8'));
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    return tooLarge(response, byScript && part === undefined);
  }
  if (part === '/responses/confirm') {
    const lines = await uploads.confirm(settings.dir, id, form.get('upload') ?? '');
    notices.set(id, [lines.filter((line) => !line.startsWith('  ')).join(' ')]);
    return redirect(response, `/issues/${id}`);
  }
  const posted = modelOfForm(form);
  if (part === '/check') {
    const checked = await checkIssueEdits(settings.dir, id, editsOfModel(posted.model));
    return send(
      response,
      200,
      'application/json',
      JSON.stringify({ ...checked, changed: checked.version !== posted.version, introHtml: introPreview(posted.model.intro) }),
    );
  }
  if (posted.action === 'preview-intro') {
    // Without JavaScript: the page again, with what was typed, its problems and the introduction rendered; nothing saved.
    const checked = await checkIssueEdits(settings.dir, id, editsOfModel(posted.model));
    const draft = await openIssue(settings.dir, id);
    const page = editorPage({
      draft,
      model: posted.model,
      problems: checked.problems,
      todo: checked.todo,
      version: posted.version,
      introHtml: introPreview(posted.model.intro),
      sendSection: sendSection(id, draft.testAddress ?? ''),
    });
    return send(response, 200, 'text/html', page);
  }
  return saveFromForm(settings, notices, id, posted, response, byScript && posted.action === 'save', settle);
}

async function saveFromForm(
  settings: DeskSettings,
  notices: Map<string, string[]>,
  id: string,
  posted: ReturnType<typeof modelOfForm>,
  response: ServerResponse,
  byScript: boolean,
  written: () => void,
): Promise<void> {
  const model = applyButton(posted.model, posted.action);
  // The email's frame asks for the preview while the save is written (or just after, without JavaScript): render it from the text being written, once.
  const preview =
    posted.action === 'approve' ? undefined : (text: string) => void previewIssue(settings.dir, id, settings.unsubscribeSecret, text).catch(() => undefined);
  try {
    const result = await saveIssueEdits(settings.dir, id, editsOfModel(model), posted.version, preview).finally(written);
    if (!result.saved) {
      const todo = ['Nothing was saved: fix the field marked below.'];
      if (byScript) return answerSave(response, 422, { saved: false, problems: result.problems, todo });
      const draft = await openIssue(settings.dir, id);
      const page = editorPage({
        draft,
        model,
        problems: result.problems,
        todo,
        version: posted.version,
        introHtml: introPreview(model.intro),
        sendSection: sendSection(id, draft.testAddress ?? ''),
      });
      return send(response, 422, 'text/html', page);
    }
    const time = settings.now().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    if (posted.action === 'approve') {
      const approval = await approveIssue(settings.dir, id, result.version);
      if (approval.approved) {
        notices.set(id, [
          `Saved and approved at ${time}. The schedule sends it at ${approval.sendAt ?? 'its send time'} to ${approval.audience} member${approval.audience === 1 ? '' : 's'} (\`snippet send --due\` from cron).`,
        ]);
      } else {
        const errors = approval.draft.problems.filter((p) => p.severity === 'error').length;
        notices.set(id, [`Saved at ${time}, but not approved: ${errors} error${errors === 1 ? '' : 's'} must be fixed first (marked below).`]);
      }
    } else {
      if (byScript) return answerSave(response, 200, savedAnswer(model, await openIssue(settings.dir, id), `Saved at ${time}.`));
      notices.set(id, [`Saved at ${time}.`]);
    }
    const add = /^add:(research|training|funding|news)$/u.exec(posted.action)?.[1];
    return redirect(response, `/issues/${id}${add ? `?add=${add}#h-${add}` : ''}`);
  } catch (error) {
    if (!isIssueChangedError(error)) throw error;
    const draft = await openIssue(settings.dir, id);
    if (byScript) return answerSave(response, 409, conflictAnswer(draft, `${error.message}.`));
    const page = editorPage({
      draft,
      model,
      problems: [],
      todo: draft.todo,
      version: posted.version,
      conflict: `${error.message}.`,
      introHtml: introPreview(model.intro),
      sendSection: sendSection(id, draft.testAddress ?? ''),
    });
    return send(response, 409, 'text/html', page);
  }
}

async function issuesList(settings: DeskSettings, notice: string[], shown: () => void): Promise<string> {
  const page = issuesPage(await listIssues(settings.dir), notice);
  shown();
  return page;
}

async function emailView(settings: DeskSettings, id: string, part: string, scheme: string | null, response: ServerResponse): Promise<void> {
  const preview = await previewIssue(settings.dir, id, settings.unsubscribeSecret);
  if (preview.html === undefined) {
    const why = `The email cannot be shown until ${preview.errors} error${preview.errors === 1 ? ' is' : 's are'} fixed: see the problems beside the fields, and save.`;
    return send(
      response,
      200,
      part === '/email.txt' ? 'text/plain' : 'text/html',
      part === '/email.txt' ? `${why}\n` : `<!doctype html><html lang="en-GB"><title>Not yet</title><p>${why}</p></html>`,
      EMAIL_CSP,
    );
  }
  if (part === '/email.txt') return send(response, 200, 'text/plain', preview.text, EMAIL_CSP);
  return send(response, 200, 'text/html', emailForFrame(preview.html, scheme === 'dark' ? 'dark' : 'light'), EMAIL_CSP);
}

function answer(response: ServerResponse, said: DeskAnswer): void {
  if ('redirect' in said) return redirect(response, said.redirect);
  send(response, said.status, said.type, said.body);
}

function tooLarge(response: ServerResponse, byScript = false): void {
  const title = 'Too much at once';
  const message = `The desk takes at most ${FORM_LIMIT / 1024 / 1024} MB in one save. Nothing was saved; go back and shorten the longest text.`;
  if (byScript) return answerSave(response, 413, { saved: false, problems: [], todo: [], refused: { title, message } });
  send(response, 413, 'text/html', messagePage(title, message));
}

function answerSave(response: ServerResponse, status: number, answer: SaveAnswer): void {
  send(response, status, 'application/json', JSON.stringify(answer));
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  response.end();
}

function send(response: ServerResponse, status: number, type: string, body: string, csp = PAGE_CSP): void {
  response.writeHead(status, {
    'Content-Type': `${type}; charset=utf-8`,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // Not no-referrer: under it Chromium sends "Origin: null" with the desk's own forms.
    'Referrer-Policy': 'same-origin',
    ...(status === 413 ? { Connection: 'close' } : {}),
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
