import { createServer, type Server } from 'node:http';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { doctorCommand, type DoctorOptions } from '../../src/actions/doctor-command.js';
import type { SmtpEnvironment } from '../../src/smtp/smtp-settings.js';
import { collectOutput } from '../support/collect-output.js';
import { selfSignedCertificate } from '../support/self-signed-cert.js';
import { sendWorkspace } from '../support/send-workspace.js';
import { startScriptedSmtpServer } from '../support/scripted-smtp-server.js';
import { startSmtpServer } from '../support/smtp-test-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

let tls: Awaited<ReturnType<typeof selfSignedCertificate>>;
beforeAll(async () => {
  tls = await selfSignedCertificate();
  return () => tls.remove();
});

async function doctor(smtp: SmtpEnvironment, configLines = '', overrides: Partial<DoctorOptions> = {}) {
  const ws = await sendWorkspace({ members: 2 });
  cleanups.push(ws.remove);
  if (configLines) await ws.write('snippet.config.yaml', `${await ws.read('snippet.config.yaml')}${configLines}`);
  const out = collectOutput();
  const result = await doctorCommand(
    {
      dir: ws.dir,
      smtp,
      unsubscribeSecret: 'unsubscribe-secret-for-tests-0123456789',
      smtpTimeouts: { connection: 5_000, greeting: 5_000, socket: 5_000 },
      ...overrides,
    },
    out,
  );
  const line = (name: string): string => out.lines.find((l) => l.slice(6).startsWith(`${name}:`)) ?? `(no ${name} line)`;
  return { ...result, output: out.text(), line };
}

async function server(behaviour: Parameters<typeof startSmtpServer>[0] = {}) {
  const started = await startSmtpServer(behaviour);
  cleanups.push(started.close);
  return started;
}

describe('snippet doctor', () => {
  it('passes every check against a working server, giving MAIL FROM then RSET and sending nothing', async () => {
    const smtp = await server();
    const result = await doctor({ SNIPPET_SMTP_URL: smtp.url });
    expect(result.output).not.toMatch(/FAIL/u);
    expect(result.exitCode).toBe(0);
    for (const name of [
      'workspace',
      'time zone',
      'state folder',
      'disk space',
      'unsubscribe links',
      'SMTP settings',
      'server name',
      'connection',
      'TLS',
      'sign-in',
    ])
      expect(result.line(name)).toMatch(/^ok {4}/u);
    expect(result.line('sender')).toBe('ok    sender: snippet@example.org accepted in MAIL FROM, then reset; nothing was sent');
    expect(smtp.stages('mail')).toBe(1);
    expect(smtp.stages('rcpt')).toBe(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it('fails a server whose certificate is self-signed, and trusts it once its CA is given', async () => {
    const smtp = await server({ tls: { key: tls.key, cert: tls.cert } });
    const untrusted = await doctor({ SNIPPET_SMTP_URL: smtp.url });
    expect(untrusted.exitCode).toBe(1);
    expect(untrusted.line('TLS')).toMatch(/^FAIL {2}TLS: certificate not trusted: self[- ]signed certificate/u);
    expect(untrusted.output).toMatch(/fix: .*SNIPPET_SMTP_CA_FILE/u);
    expect(untrusted.line('sign-in')).toMatch(/^skip/u);
    const trusted = await doctor({ SNIPPET_SMTP_URL: smtp.url, caFromFile: tls.cert });
    expect(trusted.line('TLS')).toBe('ok    TLS: TLS from the start (smtps), certificate trusted');
    expect(trusted.exitCode).toBe(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it('fails a wrong password without showing it', async () => {
    const smtp = await server({ auth: { user: 'snippet', pass: 'right-password-1' } });
    const result = await doctor({ SNIPPET_SMTP_URL: smtp.url.replace('right-password-1', 'wrong-password-2') });
    expect(result.exitCode).toBe(1);
    expect(result.line('sign-in')).toMatch(/^FAIL {2}sign-in: the server refused snippet: 535 Authentication credentials invalid/u);
    expect(result.output).toMatch(/fix: check SNIPPET_SMTP_USER and the password/u);
    expect(result.output).not.toContain('wrong-password-2');
    expect((await doctor({ SNIPPET_SMTP_URL: smtp.url })).exitCode).toBe(0);
  });

  it("fails a sender the server refuses, with the server's reason, and sends nothing", async () => {
    const smtp = await server({ refuseSender: '550 5.7.60 Client does not have permissions to send as this sender' });
    const result = await doctor({ SNIPPET_SMTP_URL: smtp.url });
    expect(result.exitCode).toBe(1);
    expect(result.line('sender')).toBe(
      'FAIL  sender: the server refused snippet@example.org in MAIL FROM: 550 5.7.60 Client does not have permissions to send as this sender',
    );
    expect(smtp.messages).toHaveLength(0);
  });

  it('fails when no server is configured, or none answers', async () => {
    expect((await doctor({})).line('SMTP settings')).toMatch(/^FAIL {2}SMTP settings: no SMTP server is configured/u);
    const smtp = await server();
    await smtp.close();
    const down = await doctor({ SNIPPET_SMTP_URL: smtp.url });
    expect(down.exitCode).toBe(1);
    expect(down.line('connection')).toMatch(/^FAIL {2}connection: 127\.0\.0\.1:\d+: /u);
  });

  it('fails when the unsubscribe secret is missing or the config has errors', async () => {
    const smtp = await server();
    const result = await doctor({ SNIPPET_SMTP_URL: smtp.url }, '', { unsubscribeSecret: undefined });
    expect(result.line('unsubscribe links')).toMatch(/^FAIL {2}unsubscribe links: SNIPPET_UNSUBSCRIBE_SECRET is not set/u);
    const broken = await doctor({ SNIPPET_SMTP_URL: smtp.url }, 'colour: blue\n');
    expect(broken.exitCode).toBe(1);
    expect(broken.output).toMatch(/snippet\.config\.yaml:\d+: error: unknown field "colour"/u);
    expect(broken.line('workspace')).toMatch(/^FAIL/u);
  });
});

describe('snippet doctor: a sender address beyond ASCII goes in MAIL FROM as a send gives it (regression: sent raw)', () => {
  async function doctorFrom(from: string, smtputf8: boolean) {
    const extensions = ['250-scripted', '250-PIPELINING', ...(smtputf8 ? ['250-SMTPUTF8'] : []), '250 8BITMIME'];
    const scripted = await startScriptedSmtpServer({ ehlo: () => extensions });
    cleanups.push(scripted.close);
    const ws = await sendWorkspace({ members: 1 });
    cleanups.push(ws.remove);
    await ws.write('snippet.config.yaml', (await ws.read('snippet.config.yaml')).replace(/^from: .*$/mu, `from: Network <${from}>`));
    const out = collectOutput();
    const result = await doctorCommand(
      {
        dir: ws.dir,
        smtp: { SNIPPET_SMTP_URL: scripted.url },
        unsubscribeSecret: 'unsubscribe-secret-for-tests-0123456789',
        smtpTimeouts: { connection: 5_000, greeting: 5_000, socket: 5_000 },
      },
      out,
    );
    const commands = scripted.sessions.flatMap((session) => session.commands).filter((command) => !/^(EHLO|QUIT)/u.test(command));
    return { ...result, sender: out.lines.find((l) => l.slice(6).startsWith('sender:')), output: out.text(), commands };
  }

  it('gives a domain beyond ASCII in its ASCII form (IDNA) to a server without SMTPUTF8', async () => {
    const result = await doctorFrom('news@bücher.example', false);
    expect(result.commands).toEqual(['MAIL FROM:<news@xn--bcher-kva.example>', 'RSET']);
    expect(result.exitCode).toBe(0);
  });

  it('gives the address as it is, with SMTPUTF8, to a server that offers it', async () => {
    const result = await doctorFrom('zoë@example.org', true);
    expect(result.commands).toEqual([`MAIL FROM:<${Buffer.from('zoë@example.org', 'utf8').toString('latin1')}> SMTPUTF8`, 'RSET']);
    expect(result.exitCode).toBe(0);
  });

  it('fails a local part beyond ASCII to a server without SMTPUTF8, as a send would stop on it, and gives the server nothing', async () => {
    const result = await doctorFrom('zoë@example.org', false);
    expect(result.sender).toBe(
      'FAIL  sender: the sender address zoë@example.org has letters beyond ASCII before the @, and the mail server does not offer SMTPUTF8',
    );
    expect(result.output).toMatch(/fix: set from: in snippet\.config\.yaml to an address with only ASCII letters before the @/u);
    expect(result.commands).toEqual([]);
    expect(result.exitCode).toBe(1);
  });
});

describe('Microsoft 365 sign-in (XOAUTH2)', () => {
  const TOKEN = 'eyJ0eXAiOiJKV1Qi.test-access-token';

  it('signs in with the token a command prints, and fails a refused token', async () => {
    const smtp = await server({ auth: { user: 'snippet@example.org', accessToken: TOKEN } });
    const env = { SNIPPET_SMTP_URL: smtp.url, SNIPPET_SMTP_USER: 'snippet@example.org' };
    const ok = await doctor(env, `smtp:\n  oauth2:\n    token_command: echo '${TOKEN}'\n`);
    expect(ok.line('OAuth2 token')).toBe('ok    OAuth2 token: obtained from the token command');
    expect(ok.line('sign-in')).toBe('ok    sign-in: signed in as snippet@example.org with an OAuth2 token');
    expect(ok.exitCode).toBe(0);
    const refused = await doctor(env, 'smtp:\n  oauth2:\n    token_command: echo expired-token\n');
    expect(refused.line('sign-in')).toMatch(/^FAIL {2}sign-in: the server refused snippet@example\.org \(OAuth2\)/u);
    expect(refused.output).not.toContain('expired-token');
  });

  it('reports a failing token command clearly', async () => {
    const env = { SNIPPET_SMTP_URL: 'smtp://127.0.0.1:9', SNIPPET_SMTP_USER: 'snippet@example.org' };
    const failing = await doctor(env, 'smtp:\n  oauth2:\n    token_command: echo "no cached credentials" >&2; exit 3\n');
    expect(failing.line('OAuth2 token')).toBe('FAIL  OAuth2 token: the OAuth2 token command failed (exit 3)');
    const silent = await doctor(env, 'smtp:\n  oauth2:\n    token_command: "true"\n');
    expect(silent.line('OAuth2 token')).toBe('FAIL  OAuth2 token: the OAuth2 token command printed no token');
  });

  it('never echoes what a failing token command printed (regression: refresh_token=… copied into the error)', async () => {
    const env = { SNIPPET_SMTP_URL: 'smtp://127.0.0.1:9', SNIPPET_SMTP_USER: 'snippet@example.org' };
    const failing = await doctor(
      env,
      'smtp:\n  oauth2:\n    token_command: echo "refresh_token=0.AX4Aq-secret-refresh&client_id=x" >&2; echo "partial-token-9f8e"; exit 1\n',
    );
    expect(failing.line('OAuth2 token')).toMatch(/^FAIL {2}OAuth2 token: the OAuth2 token command failed \(exit 1\)/u);
    expect(failing.output).not.toMatch(/refresh_token|secret-refresh|partial-token/u);
    expect(failing.output).toMatch(/output is not shown/u);
  });

  it('requires an unsubscribe secret of at least 32 characters, and says how to make one (regression: "a" was accepted)', async () => {
    const smtp = await server();
    const short = await doctor({ SNIPPET_SMTP_URL: smtp.url }, '', { unsubscribeSecret: 'a' });
    expect(short.line('unsubscribe links')).toMatch(
      /^FAIL {2}unsubscribe links: SNIPPET_UNSUBSCRIBE_SECRET is too short \(1 character\): it needs at least 32/u,
    );
    expect(short.output).toMatch(/openssl rand -hex 32/u);
    expect(short.exitCode).toBe(1);
  });

  it('gets a token with client credentials from the token endpoint, never showing the secret', async () => {
    const SECRET = 'client-secret-value-42';
    const requests: URLSearchParams[] = [];
    const endpoint: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const form = new URLSearchParams(body);
        requests.push(form);
        response.setHeader('content-type', 'application/json');
        if (request.url !== '/tenant-1/oauth2/v2.0/token' || form.get('client_secret') !== SECRET) {
          response.statusCode = 401;
          return response.end(JSON.stringify({ error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 1' }));
        }
        response.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: TOKEN }));
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => endpoint.close(() => resolve())));
    const port = (endpoint.address() as { port: number }).port;
    const smtp = await server({ auth: { user: 'snippet@example.org', accessToken: TOKEN } });
    const config = `smtp:\n  oauth2:\n    tenant_id: tenant-1\n    client_id: app-1\n    token_url: http://127.0.0.1:${port}/tenant-1/oauth2/v2.0/token\n`;
    const env = { SNIPPET_SMTP_URL: smtp.url, SNIPPET_SMTP_USER: 'snippet@example.org', SNIPPET_SMTP_OAUTH_CLIENT_SECRET: SECRET };

    const ok = await doctor(env, config);
    expect(ok.line('OAuth2 token')).toBe('ok    OAuth2 token: obtained from the token endpoint (client credentials)');
    expect(ok.exitCode).toBe(0);
    expect(Object.fromEntries(requests[0]!)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'app-1',
      client_secret: SECRET,
      scope: 'https://outlook.office365.com/.default',
    });

    const wrong = await doctor({ ...env, SNIPPET_SMTP_OAUTH_CLIENT_SECRET: 'not-the-secret-99' }, config);
    expect(wrong.line('OAuth2 token')).toBe(
      'FAIL  OAuth2 token: the OAuth2 token endpoint refused client app-1: invalid_client: AADSTS7000215: Invalid client secret provided.',
    );
    expect(wrong.output).not.toContain('not-the-secret-99');
    const missing = await doctor({ ...env, SNIPPET_SMTP_OAUTH_CLIENT_SECRET: undefined }, config);
    expect(missing.line('OAuth2 token')).toBe('FAIL  OAuth2 token: SNIPPET_SMTP_OAUTH_CLIENT_SECRET is not set');
    expect(`${ok.output}${wrong.output}`).not.toContain(SECRET);
  });
});
