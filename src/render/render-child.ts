// The entry of the child process that childRenderer() starts: an
// IssueToRender as JSON on stdin, a RenderReply as JSON on stdout. Anything
// but a SnippetError is a bug: it goes to stderr and the exit code is not 0.
import { SnippetError } from '../errors.js';
import { renderFromWorkspace } from './render-from-workspace.js';
import type { RenderReply, RenderRequest } from './render-in-child.js';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RenderRequest;

let reply: RenderReply;
try {
  reply = { rendered: await renderFromWorkspace({ ...request, sendAt: new Date(request.sendAt) }) };
} catch (error) {
  if (!(error instanceof SnippetError)) throw error;
  const { message, kind, hint, file, line, problems } = error;
  reply = {
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
process.stdout.write(JSON.stringify(reply));
