import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves a built site folder as a static host would: a folder's address
 * gives its index.html, and nothing outside the folder is ever read. For
 * looking at the site before uploading it, on this computer only.
 */
export function createStaticSiteServer(root: string): Server {
  return createServer((request, response) => {
    const reply = (status: number, body: string, type = 'text/plain; charset=utf-8'): void => {
      response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, 'only GET\n');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://site.invalid').pathname);
    } catch {
      return reply(400, 'bad address\n');
    }
    const file = normalize(join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname));
    if (file !== root && !file.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return reply(404, 'not found\n');
    void stat(file)
      .then(async (info) => {
        if (info.isDirectory()) {
          response.writeHead(301, { Location: `${pathname}/` });
          return response.end();
        }
        const body = await readFile(file);
        response.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Length': body.length,
          'Cache-Control': 'no-store',
        });
        return response.end(request.method === 'HEAD' ? undefined : body);
      })
      .catch(() => reply(404, 'not found\n'));
  });
}
