import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/actions/doctor-command.js';
import { redact } from '../../src/config/redact.js';
import type { SmtpEnvironment } from '../../src/smtp/smtp-settings.js';
import { collectOutput } from '../support/collect-output.js';
import { sendWorkspace } from '../support/send-workspace.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const USER = 'newsletter@example.org';
const PASSWORD = 'Pa55-word-echoed-9f2c';
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.echoed-access-token-31d7';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/**
 * A hostile SMTP server on loopback that offers `mechanisms` and refuses
 * every sign-in with a 535 repeating, word for word, each line it was sent.
 */
async function echoingServer(mechanisms: string): Promise<string> {
  const server = createServer((socket: Socket) => {
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    const heard: string[] = [];
    let buffer = '';
    socket.write('220 echo.example.org ESMTP\r\n');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (/^EHLO /iu.test(line)) socket.write(`250-echo.example.org\r\n250 AUTH ${mechanisms}\r\n`);
        else if (/^AUTH LOGIN$/iu.test(line)) socket.write('334 VXNlcm5hbWU6\r\n');
        else if (/^AUTH XOAUTH2 /iu.test(line)) socket.write(`535 5.7.3 Authentication unsuccessful: ${line}\r\n`);
        else if (/^AUTH PLAIN /iu.test(line)) socket.write(`535 5.7.8 Authentication failed: ${line}\r\n`);
        else if (/^QUIT$/iu.test(line)) socket.end('221 bye\r\n');
        else {
          heard.push(line);
          // AUTH LOGIN: the user, then the password, then the refusal with both.
          socket.write(heard.length === 1 ? '334 UGFzc3dvcmQ6\r\n' : `535 5.7.8 Authentication failed for ${heard.join(' ')}\r\n`);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `127.0.0.1:${(server.address() as { port: number }).port}`;
}

async function doctor(smtp: SmtpEnvironment, configLines = ''): Promise<string> {
  const ws = await sendWorkspace({ members: 1 });
  cleanups.push(ws.remove);
  if (configLines) await ws.write('snippet.config.yaml', `${await ws.read('snippet.config.yaml')}${configLines}`);
  const out = collectOutput();
  const result = await doctorCommand(
    { dir: ws.dir, smtp, unsubscribeSecret: undefined, smtpTimeouts: { connection: 5_000, greeting: 5_000, socket: 5_000 } },
    out,
  );
  expect(result.exitCode).toBe(1);
  // As the CLI prints it: every line passes through the redactor.
  return redact(out.text());
}

describe('doctor against a server that echoes credentials in its 535 (regression: base64 password and token shown in clear)', () => {
  it('AUTH PLAIN: neither the password nor its base64 forms are shown', async () => {
    const host = await echoingServer('PLAIN LOGIN');
    const output = await doctor({
      SNIPPET_SMTP_HOST: host.split(':')[0],
      SNIPPET_SMTP_PORT: host.split(':')[1],
      SNIPPET_SMTP_USER: USER,
      SNIPPET_SMTP_PASS: PASSWORD,
    });
    expect(output).toMatch(/FAIL {2}sign-in: .*535 5\.7\.8 Authentication failed: AUTH PLAIN \*\*\*/u);
    expect(output).not.toContain(base64(`\0${USER}\0${PASSWORD}`));
    expect(output).not.toContain(PASSWORD);
  });

  it('AUTH LOGIN: the base64 password is not shown', async () => {
    const host = await echoingServer('LOGIN');
    const output = await doctor({
      SNIPPET_SMTP_HOST: host.split(':')[0],
      SNIPPET_SMTP_PORT: host.split(':')[1],
      SNIPPET_SMTP_USER: USER,
      SNIPPET_SMTP_PASS: PASSWORD,
    });
    expect(output).toMatch(/FAIL {2}sign-in: .*535 5\.7\.8 Authentication failed for /u);
    expect(output).toContain(base64(USER));
    expect(output).not.toContain(base64(PASSWORD));
  });

  it('XOAUTH2 with a token from token_command: neither the token nor the XOAUTH2 string is shown', async () => {
    const host = await echoingServer('XOAUTH2');
    const output = await doctor(
      { SNIPPET_SMTP_HOST: host.split(':')[0], SNIPPET_SMTP_PORT: host.split(':')[1], SNIPPET_SMTP_USER: USER },
      `smtp:\n  oauth2:\n    token_command: echo ${TOKEN}\n`,
    );
    expect(output).toMatch(/FAIL {2}sign-in: .*535 5\.7\.3 Authentication unsuccessful: AUTH XOAUTH2 \*\*\*/u);
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain(base64(`user=${USER}\x01auth=Bearer ${TOKEN}\x01\x01`));
  });
});
