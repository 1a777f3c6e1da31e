import type { Server } from 'node:http';
import { SnippetError } from '../errors.js';

/** How many ports from the asked one are tried before giving up. */
export const PORT_ATTEMPTS = 20;

export interface Listening {
  port: number;
  /** Ports that were taken before `port` was found free. */
  taken: number[];
}

/**
 * Listens on `port`, or on the next free one of the following few: a second
 * preview (another issue, another workspace) should just work. Port 0 asks
 * the system for any free port.
 */
export async function listenOnFreePort(server: Server, host: string, port: number): Promise<Listening> {
  const taken: number[] = [];
  const last = port === 0 ? 0 : Math.min(65535, port + PORT_ATTEMPTS - 1);
  for (let candidate = port; candidate <= last; candidate += 1) {
    const error = await listen(server, host, candidate);
    if (!error) {
      const address = server.address();
      return { port: typeof address === 'object' && address ? address.port : candidate, taken };
    }
    if (error.code !== 'EADDRINUSE') throw listenError(error, host, candidate);
    taken.push(candidate);
  }
  throw new SnippetError(`ports ${port}–${last} on ${host} are all taken`, {
    hint: 'Stop another preview, pass --port with a free port, or --port 0 for any free port.',
  });
}

function listen(server: Server, host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      resolve(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve(undefined);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): SnippetError {
  if (error.code === 'EACCES')
    return new SnippetError(`not allowed to listen on port ${port}`, {
      hint: 'Ports below 1024 need special rights; use the default or a port such as 4300.',
      cause: error,
    });
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
    return new SnippetError(`cannot listen on ${host}: this machine has no such address`, {
      hint: 'Leave out --host to use 127.0.0.1 (this computer only).',
      cause: error,
    });
  }
  return new SnippetError(`cannot listen on ${host}:${port}: ${error.message}`, { cause: error });
}
