import { once } from 'node:events';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnCli } from '../support/spawn-cli.js';
import { startSmtpServer } from '../support/smtp-test-server.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** One HTTP request to the desk on 127.0.0.1, as its browser would make it. */
function call(port: number, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; cookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('snippet desk and snippet.env', () => {
  it('sends the test through the SMTP settings in the workspace’s snippet.env, as the CLI would, and never prints the password', async () => {
    const server = await startSmtpServer({ auth: { user: 'snippet', pass: 'desk-pass-from-env-file' } });
    cleanup.push(() => server.close());
    await ws.write(
      'snippet.env',
      `SNIPPET_SMTP_URL=${server.url}\nSNIPPET_SMTP_USER=snippet\nSNIPPET_SMTP_PASS=desk-pass-from-env-file\nSNIPPET_UNSUBSCRIBE_SECRET=desk-unsubscribe-secret-0123456789abcdef\n`,
    );
    const desk = spawnCli(['desk', '--no-open', '--port', '0'], { cwd: ws.dir });
    cleanup.push(async () => {
      desk.child.kill('SIGINT');
      await desk.done;
    });
    let printed = '';
    for (let chunks = 0; chunks < 50 && !/\?token=/u.test(printed); chunks++) printed += String((await once(desk.child.stdout!, 'data'))[0]);
    const [, port, token] = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/u.exec(printed)!;
    const { cookie } = await call(Number(port), `/?token=${token}`, {});
    const sent = await call(
      Number(port),
      '/issues/2026-12/test-send',
      { Cookie: cookie!, Origin: `http://127.0.0.1:${port}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      'to=morag%40example.org',
    );
    expect(sent.status).toBe(303);
    expect(server.messages.map((m) => m.to)).toEqual([['morag@example.org']]);
    desk.child.kill('SIGINT');
    const { stdout, stderr } = await desk.done;
    expect(`${stdout}${stderr}`).not.toContain('desk-pass-from-env-file');
  });
});
