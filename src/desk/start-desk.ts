import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Output } from '../output.js';
import { listenOnFreePort } from '../preview/listen-on-free-port.js';
import { isLoopback } from '../schema/is-loopback.js';
import { createDeskServer } from './desk-server.js';
import { openBrowser } from './open-browser.js';

/** The desk's documented port; the next free one is used when it is taken. */
export const DEFAULT_DESK_PORT = 4310;

export interface DeskOptions {
  dir: string;
  host: string;
  port: number;
  open: boolean;
  unsubscribeSecret: string | undefined;
  /** Where a send's SMTP settings come from (`snippet desk` passes its environment, snippet.env read into it); none by default. */
  env?: NodeJS.ProcessEnv;
  /** The desk's clock (tests set the time an issue is early for); the system's by default. */
  now?: () => Date;
}

export interface DeskHandle {
  /** The address with its token, as printed. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Starts the desk and returns at once; prints one line with the address and its token. */
export async function startDesk(options: DeskOptions, out: Output): Promise<DeskHandle> {
  const token = randomBytes(24).toString('base64url');
  const hosts = new Set<string>();
  const server = createDeskServer({
    dir: options.dir,
    unsubscribeSecret: options.unsubscribeSecret,
    env: options.env ?? {},
    token,
    hosts,
    cookieName: `snippet-desk-${randomBytes(4).toString('hex')}`,
    now: options.now ?? (() => new Date()),
  });
  const { port, taken } = await listenOnFreePort(server, options.host, options.port);
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  for (const name of ['127.0.0.1', 'localhost', shownHost]) hosts.add(`${name.toLowerCase()}:${port}`);
  if (taken.length > 0) out.warn(`Port ${taken[0]} is taken (another desk or program is using it); using port ${port} instead.`);
  if (!isLoopback(options.host))
    out.warn(`warning: the desk is open to other computers on ${options.host}; anyone with the address below can change the issues and see the mailing list.`);
  const url = `http://${shownHost}:${port}/?token=${token}`;
  // The one line that carries the token (as Jupyter prints its own): it goes to this terminal only, never to a log.
  out.info(`The desk is open at ${url} (Ctrl-C stops it)`);
  if (options.open && !(await openBrowser(url))) out.warn('Could not open a browser: copy the address above into one.');
  return {
    url,
    port,
    token,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `snippet desk`: serves the desk until `signal` aborts (Ctrl-C in the CLI). */
export async function deskCommand(options: DeskOptions, out: Output, signal: AbortSignal): Promise<void> {
  const desk = await startDesk(options, out);
  if (!signal.aborted) await once(signal, 'abort');
  await desk.close();
  out.info('The desk stopped.');
}
