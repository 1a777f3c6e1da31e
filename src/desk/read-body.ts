import type { IncomingMessage } from 'node:http';

/** The body was larger than the bound: answered with a page, never a dropped connection. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the request is larger than ${limit} bytes`);
    this.name = 'BodyTooLarge';
  }
}

/**
 * IO: the request's body, at most `limit` bytes. A larger one is read on
 * (and thrown away) up to four times the bound, so the browser receives the
 * answer instead of a reset; past that the connection is closed.
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? '0');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit * 4) {
      request.destroy();
      break;
    }
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit || declared > limit) throw new BodyTooLarge(limit);
  return Buffer.concat(chunks);
}

/** IO: the request's form (`application/x-www-form-urlencoded`), or undefined when it is larger than `limit` bytes. */
export async function readForm(request: IncomingMessage, limit: number): Promise<URLSearchParams | undefined> {
  try {
    return new URLSearchParams((await readBody(request, limit)).toString('utf8'));
  } catch (error) {
    if (error instanceof BodyTooLarge) return undefined;
    throw error;
  }
}
