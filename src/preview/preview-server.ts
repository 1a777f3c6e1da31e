import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { emailForFrame } from './email-for-frame.js';
import { notFoundPage } from './not-found-page.js';
import { previewPage } from './preview-page.js';
import { previewUpdate } from './preview-update.js';
import type { RenderJob } from './render-job.js';

/**
 * The preview's HTTP side, on node:http. Routes:
 * `/` the page; `/email.html` the sample member's HTML (`?scheme=dark` for the
 * dark view); `/email.txt` the plain text; `/state.json` the state;
 * `/events` Server-Sent Events, one `state` event per render shown.
 * `allowedHosts`: the Host names it answers to; undefined for any (when the
 * coordinator has chosen to serve it to the network with --host).
 */
export function createPreviewServer(job: RenderJob, allowedHosts: ReadonlySet<string> | undefined): Server {
  const server = createServer((request, response) => {
    try {
      route(job, allowedHosts, request, response);
    } catch (error) {
      // A bug must cost one response, never the server.
      if (!response.headersSent) send(response, 500, 'text/plain', `internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      else response.destroy();
    }
  });
  return server;
}

function route(job: RenderJob, allowedHosts: ReadonlySet<string> | undefined, request: IncomingMessage, response: ServerResponse): void {
  // A web page could otherwise reach the preview through a rebound DNS name and read the member's address.
  const host = hostName(request.headers.host);
  if (allowedHosts && !allowedHosts.has(host)) return send(response, 403, 'text/plain', `snippet preview answers only to ${[...allowedHosts].join(', ')}\n`);
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'only GET\n');

  const url = new URL(request.url ?? '/', 'http://preview.invalid');
  const state = job.current();
  const message = state.good?.render.message;
  switch (url.pathname) {
    case '/':
      return send(response, 200, 'text/html', previewPage(previewUpdate(state)));
    case '/state.json':
      return send(response, 200, 'application/json', `${JSON.stringify(previewUpdate(state))}\n`);
    case '/email.html':
      if (!message) return send(response, 404, 'text/html', notFoundPage('No version of the email has rendered yet: see the problems in the preview.'));
      return send(response, 200, 'text/html', emailForFrame(message.html, url.searchParams.get('scheme') === 'dark' ? 'dark' : 'light'));
    case '/email.txt':
      if (!message) return send(response, 404, 'text/plain', 'No version of the email has rendered yet.\n');
      return send(response, 200, 'text/plain', message.text);
    case '/events':
      return streamEvents(job, request, response);
    default:
      return send(response, 404, 'text/html', notFoundPage(`The preview has no page ${url.pathname}.`));
  }
}

function streamEvents(job: RenderJob, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  const push = (): void => {
    response.write(`event: state\ndata: ${JSON.stringify(previewUpdate(job.current()))}\n\n`);
  };
  // The current state at once, so a page that reconnects (after a restart, or a sleep) catches up.
  push();
  const unsubscribe = job.subscribe(push);
  request.on('close', unsubscribe);
  response.on('error', unsubscribe);
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

function hostName(header: string | undefined): string {
  if (!header) return '';
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1);
  return header.replace(/:\d+$/u, '');
}
