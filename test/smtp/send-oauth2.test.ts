import { afterEach, describe, expect, it } from 'vitest';
import { sendCommand } from '../../src/actions/send-command.js';
import { sendPrinter } from '../../src/cli/send-printer.js';
import { collectOutput } from '../support/collect-output.js';
import { sendOptions, sendWorkspace } from '../support/send-workspace.js';
import { deliveries, startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const TOKEN = 'test-access-token-7f3a';

async function setup(tokenCommand: string) {
  const ws = await sendWorkspace({ members: 4 });
  await ws.write('snippet.config.yaml', `${await ws.read('snippet.config.yaml')}smtp:\n  oauth2:\n    token_command: ${tokenCommand}\n`);
  const server = await startSmtpServer({ auth: { user: 'snippet@example.org', accessToken: TOKEN } });
  cleanups.push(ws.remove, server.close);
  const out = collectOutput();
  const send = () =>
    sendCommand(
      sendOptions(ws.dir, server.url, { connections: 2, smtp: { SNIPPET_SMTP_URL: server.url, SNIPPET_SMTP_USER: 'snippet@example.org' } }),
      sendPrinter(out),
    );
  return { ws, server, send, out };
}

describe('send with Microsoft 365 style OAuth2 sign-in (XOAUTH2)', () => {
  it('signs every connection in with the access token and delivers', async () => {
    const { ws, server, send, out } = await setup(`echo ${TOKEN}`);
    const result = await send();
    expect(result.exitCode).toBe(0);
    expect(new Set(deliveries(server.messages).keys())).toEqual(new Set(ws.addresses));
    expect(out.text()).toMatch(/via smtp:\/\/snippet%40example\.org@127\.0\.0\.1:\d+ \(OAuth2\)/u);
    const state = await ws.read('.snippet/ledger/2026-12.jsonl');
    expect(`${out.text()}${state}`).not.toContain(TOKEN);
  });

  it('stops, sending nothing, when the token command fails', async () => {
    // One program and its arguments: run without a shell, as on Windows.
    const { server, send } = await setup('node -e "process.exit(4)"');
    await expect(send()).rejects.toThrow(/the OAuth2 token command failed \(exit 4\)/u);
    expect(server.messages).toHaveLength(0);
  });
});
