// The thread of the render child that renders: it loads MJML as soon as the
// child starts, then renders the one RenderRequest it is posted and posts back
// a RenderReply. The child's main thread watches it (render-child.ts). Anything
// but a SnippetError is a bug: it is the worker's error, which the child throws.
import { parentPort } from 'node:worker_threads';
import { SnippetError } from '../errors.js';
import { preloadMjml } from './mjml-to-html.js';
import { renderFromWorkspace } from './render-from-workspace.js';
import type { RenderReply, RenderRequest } from './render-in-child.js';

if (!parentPort) throw new Error('render-worker.js runs only as the render child’s worker thread');
const port = parentPort;

// MJML now, while the sender reads the workspace, rather than once the request has come.
preloadMjml();

port.once('message', (request: RenderRequest) => {
  void renderReply(request).then((reply) => port.postMessage(reply));
});

async function renderReply(request: RenderRequest): Promise<RenderReply> {
  try {
    return { rendered: await renderFromWorkspace({ ...request, sendAt: new Date(request.sendAt) }) };
  } catch (error) {
    if (!(error instanceof SnippetError)) throw error;
    const { message, kind, hint, file, line, problems } = error;
    return {
      error: {
        message,
        kind,
        problems,
        ...(hint !== undefined ? { hint } : {}),
        ...(file !== undefined ? { file } : {}),
        ...(line !== undefined ? { line } : {}),
      },
    };
  }
}
