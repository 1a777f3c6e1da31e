import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isSnippetError } from '../errors.js';
import { ConnectionTable } from './connection-table.js';
import { IpRateLimiter } from './ip-rate-limiter.js';
import { routeUnsubscribeRequest } from './route-unsubscribe-request.js';
import { unsubscribePage, type PageKind } from './unsubscribe-page.js';

/** The one side effect the server has: the suppression list. */
export interface SuppressionStore {
  /** Adds the address unless it is already suppressed, reading the list afresh. */
  suppress(email: string): Promise<'added' | 'already'>;
}

export interface UnsubscribeServerOptions {
  host: string;
  /** 0 for any free port. */
  port: number;
  /** The path of the configured unsubscribe url, e.g. `/snippet/unsubscribe`. */
  path: string;
  secret: string;
  networkName: string;
  store: SuppressionStore;
  /** Take the client's address from the last X-Forwarded-For entry (the one the reverse proxy added). */
  trustProxy: boolean;
  /** Requests per minute per client address. */
  ratePerMinute: number;
  log(line: string): void;
}

/**
 * What a slow client (one that opens a connection and sends its headers a
 * byte at a time, or never) may hold. A real browser or mail client sends a
 * whole request in milliseconds, so these cost real users nothing.
 */
interface SlowClientLimits {
  /** Time to send the request's headers. */
  headersTimeoutMs: number;
  /** Time to send the whole request. */
  requestTimeoutMs: number;
  /** Time to send a POST's body once its headers are in (a form is under 8 KB). */
  bodyTimeoutMs: number;
  /** Open connections; past it the oldest not being answered (idle, or still sending) is dropped for the new one. */
  maxConnections: number;
  /** Open connections from one address (not applied behind a proxy, where every connection is the proxy's). */
  maxConnectionsPerAddress: number;
}

const SLOW_CLIENT_LIMITS: SlowClientLimits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  bodyTimeoutMs: 2_000,
  maxConnections: 200,
  maxConnectionsPerAddress: 4,
};

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 8 * 1024;

/** Thin IO around routeUnsubscribeRequest and unsubscribePage. */
export async function startUnsubscribeServer(options: UnsubscribeServerOptions): Promise<RunningServer> {
  const limiter = new IpRateLimiter(options.ratePerMinute);
  const connections = new ConnectionTable<Socket>(
    SLOW_CLIENT_LIMITS.maxConnections,
    options.trustProxy ? undefined : SLOW_CLIENT_LIMITS.maxConnectionsPerAddress,
  );
  // One unsubscribe at a time, so two clicks at once cannot write two rows.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const client = clientAddress(request, options.trustProxy);
    const method = request.method ?? 'GET';
    let page: PageKind;
    let note = '';
    const wait = limiter.take(client, Date.now());
    if (wait > 0) {
      page = { kind: 'too-many', retryAfterSeconds: wait };
      request.resume();
    } else {
      const body = method === 'POST' ? await readBody(request, SLOW_CLIENT_LIMITS.bodyTimeoutMs) : (request.resume(), '');
      // From here the request is being answered: it is no longer one a flood may push out.
      connections.setAnswering(request.socket, true);
      if (body === undefined) {
        page = { kind: 'too-large' };
      } else {
        const route = routeUnsubscribeRequest({ method, url: request.url ?? '/', contentType: request.headers['content-type'], body }, options);
        if (route.kind === 'unsubscribe') {
          note = `${route.via} ${maskAddress(route.email)}`;
          try {
            const outcome = await serially(() => options.store.suppress(route.email));
            note += outcome === 'already' ? ' already suppressed' : ' unsubscribed';
            page = { kind: 'done', email: route.email };
          } catch (error) {
            note += ` not saved: ${(error as NodeJS.ErrnoException).code ?? (isSnippetError(error) ? error.message : 'error')}`;
            page = { kind: 'unavailable' };
          }
        } else {
          if (route.kind === 'confirm') note = `confirm page ${maskAddress(route.email)}`;
          page = route;
        }
      }
    }
    const { status, headers, body } = unsubscribePage(page, options.networkName);
    response.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
    response.end(method === 'HEAD' ? undefined : body);
    // The query holds the address and the token: the log gets the path only.
    options.log(`${new Date().toISOString()} ${client} ${method} ${(request.url ?? '/').split('?')[0]} ${status}${note ? ` ${note}` : ''}`);
  };

  const server = createServer(
    {
      headersTimeout: SLOW_CLIENT_LIMITS.headersTimeoutMs,
      requestTimeout: SLOW_CLIENT_LIMITS.requestTimeoutMs,
      // Node checks the two timeouts every 30 s by default: slow clients would be dropped in waves, 30 s apart.
      connectionsCheckingInterval: 1_000,
    },
    (request, response) => {
      const socket = request.socket;
      response.once('close', () => connections.setAnswering(socket, false));
      handle(request, response).catch((error: unknown) => {
        // A bug: answered 500 and logged (the path only; the query holds the address and the token).
        const reason = error instanceof Error ? error.name : 'error';
        options.log(`${new Date().toISOString()} ${request.method ?? '?'} ${(request.url ?? '/').split('?')[0]} 500 internal error (${reason})`);
        if (!response.headersSent) response.writeHead(500).end();
        else response.destroy();
      });
    },
  );
  server.on('connection', (socket: Socket) => {
    socket.once('close', () => connections.remove(socket));
    connections.admit(socket, socket.remoteAddress ?? 'unknown')?.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** The body as text, or undefined when it is larger than a form could be; a body not in within `timeoutMs` drops the connection. */
function readBody(request: IncomingMessage, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const timer = setTimeout(() => {
      request.socket.destroy();
      reject(new Error('the body was not sent in time'));
    }, timeoutMs);
    request.once('close', () => clearTimeout(timer));
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => {
      clearTimeout(timer);
      resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') {
    const last = forwarded.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return request.socket.remoteAddress ?? 'unknown';
}

/** `j***@example.org`: enough to follow a complaint in the log, not to harvest addresses. */
function maskAddress(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${email.slice(0, 1)}***@${email.slice(at + 1)}`;
}
