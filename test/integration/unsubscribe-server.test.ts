import { mkdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../src/output.js';
import { unsubscribeServerCommand } from '../../src/actions/unsubscribe-server-command.js';
import { unsubscribeUrl } from '../../src/mail/unsubscribe-token.js';
import { sampleWorkspace, type SampleWorkspace } from '../support/workspace.js';

const SECRET = 'test-secret-for-one-click-unsubscribe';
const BASE = 'https://example.org/snippet/unsubscribe';

let ws: SampleWorkspace;
let stop: AbortController;
let running: Promise<void>;
let origin: string;
let lines: string[];

/** The server over real HTTP on loopback, started in-process on a free port. */
beforeEach(async () => {
  ws = await sampleWorkspace();
  stop = new AbortController();
  lines = [];
  const out: Output = {
    interactive: false,
    info: (line) => lines.push(line),
    warn: (line) => lines.push(line),
    problems: () => undefined,
    status: () => undefined,
  };
  const listening = new Promise<number>((resolve, reject) => {
    running = unsubscribeServerCommand(
      { dir: ws.dir, host: '127.0.0.1', port: 0, trustProxy: false, secret: SECRET, signal: stop.signal, onListening: (server) => resolve(server.port) },
      out,
    );
    running.catch(reject);
  });
  origin = `http://127.0.0.1:${await listening}`;
});
afterEach(async () => {
  stop.abort();
  await running;
  await ws.remove();
});

/** The link a member got, pointed at the local server. */
function link(email: string, secret = SECRET): string {
  const url = new URL(unsubscribeUrl(BASE, secret, email));
  return `${origin}${url.pathname}${url.search}`;
}

function oneClick(url: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
}

async function suppressedRows(email: string): Promise<string[]> {
  return (await ws.read('contacts/suppressions.csv')).split('\n').filter((line) => line.startsWith(`${email},`));
}

/** A raw request, as no browser would send it; resolves with everything the server answered once it closes. */
function rawRequest(text: string): Promise<string> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('unsubscribe-server', () => {
  it('answers a request line that is not a URL (GET http://[) with 400 and logs it (regression: 500, nothing logged)', async () => {
    const answer = await rawRequest('GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /u);
    expect(lines.some((line) => / 127\.0\.0\.1 GET http:\/\/\[ 400$/u.test(line))).toBe(true);
  });

  it('refuses a genuine link for an address that is a spreadsheet formula, and writes nothing (regression: it went into suppressions.csv)', async () => {
    const before = await ws.read('contacts/suppressions.csv');
    const response = await oneClick(link("=cmd|'/Ccalc'!A0@example.org"));
    expect(response.status).toBe(400);
    expect(await ws.read('contacts/suppressions.csv')).toBe(before);
  });

  it('unsubscribes on an RFC 8058 one-click POST', async () => {
    const response = await oneClick(link('jamie.robertson@example.net'));
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/will not get the snippet/u);
    const rows = await suppressedRows('jamie.robertson@example.net');
    expect(rows).toEqual([expect.stringMatching(/^jamie\.robertson@example\.net,\d{4}-\d{2}-\d{2},unsubscribed \(one-click\)$/u)]);
  });

  it('shows a confirmation page with one button on GET and HEAD, and unsubscribes nobody (mail scanners fetch links)', async () => {
    const url = link('priya.sharma@example.org');
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.match(/<button/gu)).toHaveLength(1);
    expect(html).toMatch(/<form method="post" action="\?e=priya\.sharma%40example\.org&amp;t=/u);
    expect(html).not.toMatch(/<script/u);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(200);
    expect(await suppressedRows('priya.sharma@example.org')).toEqual([]);

    // The page's own button posts the form back to the same link.
    const action = /action="([^"]+)"/u.exec(html)![1]!.replace(/&amp;/gu, '&');
    const pressed = await fetch(new URL(action, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'confirm=unsubscribe',
    });
    expect(pressed.status).toBe(200);
    expect(await suppressedRows('priya.sharma@example.org')).toHaveLength(1);
  });

  it('answers a forged or damaged token with a neutral 400 and writes nothing', async () => {
    const before = await ws.read('contacts/suppressions.csv');
    const forged = await oneClick(link('jamie.robertson@example.net', 'someone-elses-secret'));
    const damaged = await oneClick(link('jamie.robertson@example.net').replace(/t=[^&]+/u, 't=AAAA'));
    const missing = await oneClick(`${origin}/snippet/unsubscribe?e=jamie.robertson%40example.net`);
    const unknownAddress = await oneClick(link('nobody@example.org', 'someone-elses-secret'));
    for (const response of [forged, damaged, missing, unknownAddress]) expect(response.status).toBe(400);
    // The same page whether or not the address is on the list.
    expect(await forged.text()).toBe(await unknownAddress.text());
    expect(await ws.read('contacts/suppressions.csv')).toBe(before);
  });

  it('takes a replayed request as harmless: the same answer, one row', async () => {
    const url = link('aileen.macleod@example.org');
    const answers = await Promise.all([oneClick(url), oneClick(url), oneClick(url)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await oneClick(url)).status).toBe(200);
    expect(await suppressedRows('aileen.macleod@example.org')).toHaveLength(1);
    expect(lines.filter((line) => / already suppressed$/u.test(line))).toHaveLength(3);
  });

  it('refuses a POST that asks for nothing, unknown paths, other methods and large bodies', async () => {
    expect((await fetch(link('jamie.robertson@example.net'), { method: 'POST', body: '' })).status).toBe(400);
    expect((await fetch(`${origin}/elsewhere`)).status).toBe(404);
    expect((await fetch(link('jamie.robertson@example.net'), { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(link('jamie.robertson@example.net'), { method: 'POST', body: 'x'.repeat(20_000) })).status).toBe(413);
    expect(await suppressedRows('jamie.robertson@example.net')).toEqual([]);
  });

  it('answers 503 and appends nothing when suppressions.csv has an unclosed quote (the row would land inside it)', async () => {
    const broken = 'email,date,reason\nleft-network@example.net,2026-09-14,"unsubscribed\n';
    await ws.write('contacts/suppressions.csv', broken);
    const response = await oneClick(link('jamie.robertson@example.net'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('120');
    expect(await ws.read('contacts/suppressions.csv')).toBe(broken);
    expect(lines.filter((line) => / POST /u.test(line))).toEqual([
      expect.stringMatching(/ 503 one-click j\*\*\*@example\.net not saved: contacts\/suppressions\.csv has errors/u),
    ]);
  });

  it('rate-limits each client to 10 requests a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await fetch(`${origin}/elsewhere`)).status);
    expect(statuses.slice(0, 10)).toEqual(new Array(10).fill(404));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('logs one line per request without the token or the full address', async () => {
    await oneClick(link('jamie.robertson@example.net'));
    const logged = lines.filter((line) => / POST /u.test(line));
    expect(logged).toEqual([expect.stringMatching(/ 127\.0\.0\.1 POST \/snippet\/unsubscribe 200 one-click j\*\*\*@example\.net unsubscribed$/u)]);
    expect(lines.join('\n')).not.toMatch(/jamie\.robertson|t=/u);
  });
});

describe('unsubscribe-server secret (regression: SNIPPET_UNSUBSCRIBE_SECRET=a was accepted)', () => {
  it('refuses to start with a secret shorter than 32 characters', async () => {
    const out: Output = { interactive: false, info: () => undefined, warn: () => undefined, problems: () => undefined, status: () => undefined };
    const short = unsubscribeServerCommand(
      { dir: ws.dir, host: '127.0.0.1', port: 0, trustProxy: false, secret: 'short-secret', signal: new AbortController().signal },
      out,
    );
    await expect(short).rejects.toMatchObject({
      message: 'SNIPPET_UNSUBSCRIBE_SECRET is too short (12 characters): it needs at least 32',
      hint: expect.stringMatching(/openssl rand -hex 32/u),
    });
  });
});

describe('unsubscribe-server start-up failures', () => {
  const quiet: Output = { interactive: false, info: () => undefined, warn: () => undefined, problems: () => undefined, status: () => undefined };

  it('says the port is taken, and what to do, when another program listens on it', async () => {
    const port = Number(new URL(origin).port);
    const second = unsubscribeServerCommand(
      { dir: ws.dir, host: '127.0.0.1', port, trustProxy: false, secret: SECRET, signal: new AbortController().signal },
      quiet,
    );
    await expect(second).rejects.toMatchObject({
      message: `cannot listen on 127.0.0.1:${port}: EADDRINUSE`,
      hint: 'Another program uses that port; choose another with --port.',
    });
  });

  it('refuses to start without snippet.config.yaml, pointing at snippet check', async () => {
    await rm(join(ws.dir, 'snippet.config.yaml'));
    const started = unsubscribeServerCommand(
      { dir: ws.dir, host: '127.0.0.1', port: 0, trustProxy: false, secret: SECRET, signal: new AbortController().signal },
      quiet,
    );
    await expect(started).rejects.toMatchObject({ message: 'snippet.config.yaml is missing or has errors', hint: 'Run `snippet check` to see them.' });
  });

  it('starts, and unsubscribes, whatever state members.csv is in: it never reads the mailing list', async () => {
    await rm(join(ws.dir, 'contacts/members.csv'));
    await mkdir(join(ws.dir, 'contacts/members.csv'));
    const stopSecond = new AbortController();
    let second: Promise<void> = Promise.resolve();
    const port = await new Promise<number>((resolve, reject) => {
      second = unsubscribeServerCommand(
        {
          dir: ws.dir,
          host: '127.0.0.1',
          port: 0,
          trustProxy: false,
          secret: SECRET,
          signal: stopSecond.signal,
          onListening: (server) => resolve(server.port),
        },
        quiet,
      );
      second.catch(reject);
    });
    const url = new URL(unsubscribeUrl(BASE, SECRET, 'jamie.robertson@example.net'));
    const response = await oneClick(`http://127.0.0.1:${port}${url.pathname}${url.search}`);
    stopSecond.abort();
    await second;
    expect(response.status).toBe(200);
    expect(await suppressedRows('jamie.robertson@example.net')).toHaveLength(1);
  });
});
