import type { Output } from '../output.js';
import { listenOnFreePort } from '../preview/listen-on-free-port.js';
import { createStaticSiteServer } from '../preview/static-site-server.js';

/** `snippet site --serve`: the built folder on 127.0.0.1, until closed. */
export async function serveSite(outDir: string, port: number, out: Output): Promise<{ url: string; close(): Promise<void> }> {
  const server = createStaticSiteServer(outDir);
  const listening = await listenOnFreePort(server, '127.0.0.1', port);
  if (listening.taken.length > 0) out.warn(`Port ${listening.taken[0]} is taken; using port ${listening.port} instead.`);
  const url = `http://127.0.0.1:${listening.port}/`;
  out.info(`Serving the website at ${url} (this computer only). Press Ctrl-C to stop.`);
  return {
    url,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
