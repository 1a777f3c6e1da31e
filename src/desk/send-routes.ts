import type { IncomingMessage } from 'node:http';
import { redact } from '../config/redact.js';
import { openIssue } from '../actions/issue-editor.js';
import type { SendEvent } from '../actions/send-events.js';
import { sendFromDesk } from '../actions/send-from-desk.js';
import { testAddressProblem } from '../actions/test-send-address.js';
import { isSnippetError } from '../errors.js';
import type { IssueId } from '../issue/issue.js';
import { htmlAnswer, type DeskAnswer } from './desk-answer.js';
import { modelOfDraft } from './editor-model.js';
import { messagePage } from './html.js';
import { editorPage } from './editor-page.js';
import { errorWords } from './error-words.js';
import { readForm } from './read-body.js';
import type { SendJobs } from './send-jobs.js';
import { sendingBody, sendingPage, sendNowPage, sendSection, type SendNowView } from './send-pages.js';

/** The parts of an issue's address these routes answer. */
export const SEND_PARTS = new Set(['/test-send', '/send', '/send/progress']);

/** A send's form holds an address and a tick: a few hundred bytes. */
const SEND_FORM_LIMIT = 64 * 1024;

export interface SendRouteContext {
  dir: string;
  env: NodeJS.ProcessEnv;
  unsubscribeSecret: string | undefined;
  now: () => Date;
  jobs: SendJobs;
  /** Lines to show at the top of the issue's editor next time it opens. */
  notices: Map<string, string[]>;
  /** Aborted when the desk stops: a page waiting for progress is answered. */
  closed: AbortSignal;
}

/** Test send, and Send now (asked, then followed as it goes): each through `sendFromDesk`, as `snippet send` does. */
export async function sendRoute(context: SendRouteContext, id: IssueId, part: string, request: IncomingMessage, url: URL): Promise<DeskAnswer> {
  const post = request.method === 'POST';
  if (part === '/send/progress') {
    await context.jobs.changed(id, Number(url.searchParams.get('seen') ?? -1), context.closed);
    const job = context.jobs.get(id);
    return {
      status: 200,
      type: 'application/json',
      body: JSON.stringify(job ? { version: job.version, ended: job.ended ?? null, html: sendingBody(job) } : null),
    };
  }
  if (!post) return part === '/send' ? sendPage(context, id) : { redirect: `/issues/${id}#send` };
  const form = await readForm(request, SEND_FORM_LIMIT);
  if (!form) return htmlAnswer(messagePage('Too much at once', 'A send’s form holds one address and a tick. Nothing was sent; go back and try again.'), 413);
  if (part === '/test-send') return testSend(context, id, form.get('to') ?? '');
  if (!context.jobs.running(id)) {
    const early = form.get('early') === 'yes';
    context.jobs.start(id, (listener, signal) =>
      sendFromDesk(
        { dir: context.dir, issue: id, env: context.env, unsubscribeSecret: context.unsubscribeSecret, to: { list: true, early }, signal, now: context.now },
        listener,
      ),
    );
  }
  return { redirect: `/issues/${id}/send` };
}

/** The send running or just over, else the question before one with its plan (a dry run). */
async function sendPage(context: SendRouteContext, id: IssueId): Promise<DeskAnswer> {
  const job = context.jobs.get(id);
  if (job) {
    // A finished send is shown once; after that the page asks again (and says there is nothing left to send).
    context.jobs.forget(id);
    return htmlAnswer(sendingPage(job));
  }
  let view: SendNowView | undefined;
  await sendFromDesk(
    {
      dir: context.dir,
      issue: id,
      env: context.env,
      unsubscribeSecret: context.unsubscribeSecret,
      to: { list: true, early: false },
      dryRun: true,
      now: context.now,
    },
    {
      onEvent: (event) => {
        if (event.type === 'planned') view = { id, plan: event.plan, preview: event.preview };
      },
    },
  );
  return htmlAnswer(sendNowPage(view!));
}

async function testSend(context: SendRouteContext, id: IssueId, to: string): Promise<DeskAnswer> {
  const problem = testAddressProblem(to);
  if (problem) {
    const draft = await openIssue(context.dir, id);
    const page = editorPage({
      draft,
      model: modelOfDraft(draft),
      problems: draft.problems,
      todo: draft.todo,
      version: draft.version,
      sendSection: sendSection(id, to, problem),
    });
    return htmlAnswer(page, 422);
  }
  const events: SendEvent[] = [];
  const time = context.now().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  try {
    await sendFromDesk(
      { dir: context.dir, issue: id, env: context.env, unsubscribeSecret: context.unsubscribeSecret, to: { test: to }, now: context.now },
      { onEvent: (event) => events.push(event) },
    );
    context.notices.set(id, [redact(testSendWords(events, to.trim(), time))]);
  } catch (error) {
    if (!isSnippetError(error)) throw error;
    context.notices.set(id, [`The test was not sent. ${errorWords(error)}`]);
  }
  return { redirect: `/issues/${id}#send` };
}

/** Pure: what came of a test to one address, in a sentence. */
export function testSendWords(events: readonly SendEvent[], address: string, time: string): string {
  const report = events.find((event) => event.type === 'report');
  if (report?.type !== 'report') return `The test to ${address} was not sent.`;
  const { delivered, failed, inDoubt, deferred } = report.report;
  if (delivered.length > 0) return `Test sent to ${address} at ${time}: the mail server took it. Look in that inbox for the subject starting “[TEST]”.`;
  if (failed[0]) return `The mail server refused the test to ${address}: ${failed[0].reason}`;
  if (inDoubt[0]) return `The test to ${address} may or may not have arrived: ${inDoubt[0].reason}. Look in that inbox before trying again.`;
  if (deferred[0]) return `The mail server did not take the test now: ${deferred[0].reason}. Try again in a few minutes.`;
  return `The test to ${address} was not sent.`;
}
