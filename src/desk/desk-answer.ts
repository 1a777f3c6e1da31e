/** What a route answers, for desk-server.ts to write: a page (or JSON), or a redirect after a change. */
export type DeskAnswer = { status: number; type: 'text/html' | 'application/json'; body: string } | { redirect: string };

export function htmlAnswer(body: string, status = 200): DeskAnswer {
  return { status, type: 'text/html', body };
}
