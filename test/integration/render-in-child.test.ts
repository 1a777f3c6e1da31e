import { once } from 'node:events';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnippetError } from '../../src/errors.js';
import { BUILT_IN_TEMPLATES } from '../../src/render/read-templates.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { childRenderer, warmChildRenderer } from '../../src/render/render-in-child.js';
import { config, issue, organisations, SEND_AT } from '../render/fixtures.js';

// One folder for the file: each test writes its own names in it.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'snippet-render-child-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const input = (workspace: string) => ({
  dir: workspace,
  issue: issue({ research: [{ title: 'A study', url: 'https://example.org/study' }] }),
  config: config(),
  organisations,
  sendAt: SEND_AT,
});

// `npm test` builds first: these run dist/render/render-child.js.
describe('childRenderer', () => {
  it('renders exactly what rendering in this process does', async () => {
    const workspace = path.join(dir, 'built-in');
    const [inChild, here] = await Promise.all([childRenderer()(input(workspace)), renderInProcess(input(workspace))]);
    expect(inChild).toEqual(here);
    expect(inChild.html).toContain('A study');
  });

  it('brings a template error back as a SnippetError with every problem at its file and line', async () => {
    const workspace = path.join(dir, 'broken');
    await cp(BUILT_IN_TEMPLATES, path.join(workspace, 'templates'), { recursive: true });
    await writeFile(
      path.join(workspace, 'templates', 'partials', 'intro.mjml.hbs'),
      '<mj-section>\n  <mj-column>\n    <mj-text colour="red">{{recipient.greeting}}</mj-text>\n  </mj-column>\n</mj-section>\n',
    );
    const error = await childRenderer()(input(workspace)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnippetError);
    expect((error as SnippetError).problems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'templates/partials/intro.mjml.hbs', line: 3, message: expect.stringContaining('colour') }),
    ]);
  });

  it('reports a child that crashes as a failure, with what it printed', async () => {
    const entry = path.join(dir, 'crash.mjs');
    await writeFile(entry, "process.stderr.write('boom in the renderer\\n'); process.exit(3);\n");
    const error = await childRenderer({ entry })(input(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(SnippetError);
    expect((error as Error).message).toMatch(/child process failed: it exited with code 3\nboom in the renderer/u);
  });

  it('reports a child that prints something other than a result', async () => {
    const entry = path.join(dir, 'garbage.mjs');
    await writeFile(entry, "process.stdout.write('not json');\n");
    const error = await childRenderer({ entry })(input(dir)).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/its output was not a rendered issue\nnot json/u);
  });

  it('stops a child that hangs', async () => {
    const entry = path.join(dir, 'hang.mjs');
    await writeFile(entry, 'setInterval(() => {}, 1000);\n');
    const error = await childRenderer({ entry, timeoutMs: 300 })(input(dir)).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/took longer than 0.3 s and was stopped/u);
  });

  it('does not pass the SNIPPET_ secrets to the child', async () => {
    const entry = path.join(dir, 'env.mjs');
    await writeFile(entry, "process.stdout.write(JSON.stringify(Object.keys(process.env).filter((k) => k.startsWith('SNIPPET_'))));\n");
    process.env.SNIPPET_SMTP_PASS = 'secret';
    try {
      const error = await childRenderer({ entry })(input(dir)).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/not a rendered issue\n\[\]$/u);
    } finally {
      delete process.env.SNIPPET_SMTP_PASS;
    }
  });
});

describe('warmChildRenderer (the child started before it is asked to render)', () => {
  it('renders exactly what rendering in this process does', async () => {
    const warm = warmChildRenderer();
    try {
      const [inChild, here] = await Promise.all([warm.render(input(dir)), renderInProcess(input(dir))]);
      expect(inChild).toEqual(here);
    } finally {
      warm.dispose();
    }
  });

  it('starts its child at once, renders with that one child, and a disposed one that never rendered is stopped', async () => {
    // A child that says it started by connecting here, and answers a request with what it was asked.
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    const entry = path.join(dir, 'probe.mjs');
    await writeFile(
      entry,
      `import { connect } from 'node:net';\nconst socket = connect(${port}, '127.0.0.1');\nlet input = '';\nfor await (const chunk of process.stdin) input += chunk;\nprocess.stdout.write(input);\nsocket.end();\n`,
    );
    const connections: Socket[] = [];
    server.on('connection', (socket: Socket) => connections.push(socket));
    try {
      const used = warmChildRenderer({ entry });
      // Started before any render was asked for.
      await once(server, 'connection');
      const error = await used.render(input(dir)).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/its output was not a rendered issue\n\{"dir"/u);
      used.dispose();
      expect(connections).toHaveLength(1);

      const unused = warmChildRenderer({ entry });
      const [socket] = (await once(server, 'connection')) as [Socket];
      const closed = once(socket, 'close');
      unused.dispose();
      // Killed: its connection closes without it having been asked anything.
      await closed;
      expect(connections).toHaveLength(2);
    } finally {
      for (const socket of connections) socket.destroy();
      server.close();
    }
  });
});
