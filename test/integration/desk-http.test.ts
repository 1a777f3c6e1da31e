import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openIssue } from '../../src/actions/issue-editor.js';
import { modelOfDraft } from '../../src/desk/editor-model.js';
import { startDesk, type DeskHandle } from '../../src/desk/start-desk.js';
import type { Output } from '../../src/output.js';
import { deskClient, formOf } from '../support/desk-client.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ISSUE = 'issues/2026-12.md';
const ws = useSampleWorkspace();
let desk: DeskHandle;
const printed: string[] = [];
const output: Output = {
  info: (line) => printed.push(line),
  warn: (line) => printed.push(line),
  problems: () => undefined,
  status: () => undefined,
  interactive: false,
};

const { call, signIn, post } = deskClient(() => desk);

beforeEach(async () => {
  printed.length = 0;
  desk = await startDesk({ dir: ws.dir, host: '127.0.0.1', port: 0, open: false, unsubscribeSecret: undefined }, output);
});
afterEach(async () => {
  await desk?.close();
});

/** A raw request, as no browser would send it; resolves with everything the desk answered once it closes. */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(desk.port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the desk refuses', () => {
  it('a request line that is not a URL (GET http://[) with 400, not a fault page', async () => {
    const answer = await rawRequest(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${desk.port}\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /u);
  });

  it('prints one line with the address and its token', () => {
    expect(printed).toEqual([`The desk is open at http://127.0.0.1:${desk.port}/?token=${desk.token} (Ctrl-C stops it)`]);
  });

  it('a request without the token, or with a wrong one', async () => {
    expect((await call('/')).status).toBe(403);
    expect((await call('/issues/2026-12')).body).toContain('Open the desk with the address');
    expect((await call('/?token=wrong')).status).toBe(403);
    expect((await call('/', { headers: { Cookie: 'snippet-desk=wrong' } })).status).toBe(403);
  });

  it('keeps the token in an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const answer = await call(`/issues/2026-12?token=${desk.token}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/issues/2026-12');
    expect(String(answer.headers['set-cookie'])).toMatch(/; HttpOnly; SameSite=Strict; Path=\/$/u);
    const page = await call('/', { headers: { Cookie: await signIn() } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('href="/issues/2026-12"');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'; script-src 'self'");
  });

  it('another Host, even with the cookie (DNS rebinding)', async () => {
    const cookie = await signIn();
    const answer = await call('/', { headers: { Cookie: cookie, Host: `evil.example:${desk.port}` } });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain(`127.0.0.1:${desk.port}`);
    expect((await call('/', { headers: { Cookie: cookie, Host: `localhost:${desk.port}` } })).status).toBe(200);
  });

  it('a change from another origin, or with none, and writes nothing', async () => {
    const cookie = await signIn();
    const before = await ws.read(ISSUE);
    const draft = await openIssue(ws.dir, '2026-12');
    const model = modelOfDraft(draft);
    model.fields.subject = 'Changed from elsewhere';
    expect((await post('/issues/2026-12', formOf(model, draft.version), cookie, 'http://evil.example')).status).toBe(403);
    const noOrigin = await call('/issues/2026-12', { method: 'POST', headers: { Cookie: cookie }, body: formOf(model, draft.version).toString() });
    expect(noOrigin.status).toBe(403);
    expect((await post('/new', new URLSearchParams(), cookie, 'null')).status).toBe(403);
    expect(await ws.read(ISSUE)).toBe(before);
  });
});

describe('the desk saves', () => {
  it('only the lines it changed, the hand-written comments with them', async () => {
    const cookie = await signIn();
    const before = await ws.read(ISSUE);
    const draft = await openIssue(ws.dir, '2026-12');
    const model = modelOfDraft(draft);
    model.fields.subject = 'GGC PMHN snippet: December 2026';
    model.sections.research[1]!.fields.source = 'Perinatal Evidence Review';
    const answer = await post('/issues/2026-12', formOf(model, draft.version), cookie);
    expect(answer.status).toBe(303);
    const after = await ws.read(ISSUE);
    const changed = after.split('\n').filter((line, index) => line !== before.split('\n')[index]);
    expect(changed).toEqual(['subject: "GGC PMHN snippet: December 2026"', '    source: Perinatal Evidence Review']);
    expect(after).toContain('# The rotating service spotlight: the id of an organisation in');
  });

  it('approves: saved, marked approved, and the notice names the send time and the audience', async () => {
    const cookie = await signIn();
    const draft = await openIssue(ws.dir, '2026-12');
    const answer = await post('/issues/2026-12', formOf(modelOfDraft(draft), draft.version, 'approve'), cookie);
    expect(answer.status).toBe(303);
    expect(await ws.read(ISSUE)).toContain('status: approved');
    const page = await call('/issues/2026-12', { headers: { Cookie: cookie } });
    expect(page.body).toMatch(/Saved and approved at \d\d:\d\d\. The schedule sends it at \d{4}-\d\d-\d\d \d\d:\d\d \(Europe\/London\) to \d+ members?/u);
  });

  it('refuses over a hand edit made since the page was opened, and keeps what was typed', async () => {
    const cookie = await signIn();
    const draft = await openIssue(ws.dir, '2026-12');
    const handEdited = (await ws.read(ISSUE)).replace('status: draft', 'status: draft # edited by hand');
    await ws.write(ISSUE, handEdited);
    const model = modelOfDraft(draft);
    model.fields.preheader = 'Typed in the desk, never lost';
    const answer = await post('/issues/2026-12', formOf(model, draft.version), cookie);
    expect(answer.status).toBe(409);
    expect(answer.body).toContain('changed on disk since you opened it');
    expect(answer.body).toContain('value="Typed in the desk, never lost"');
    expect(answer.body).toContain('reload the file as it is now');
    expect(await ws.read(ISSUE)).toBe(handEdited);
  });
});

describe('the desk shows the email', () => {
  it('beside the editor, at a phone’s width when asked, and on its own light, dark and as plain text', async () => {
    const cookie = await signIn();
    const editor = await call('/issues/2026-12?view=phone', { headers: { Cookie: cookie } });
    expect(editor.body).toContain('<iframe id="email" class="phone"');
    const dark = await call('/issues/2026-12/email.html?scheme=dark', { headers: { Cookie: cookie } });
    expect(dark.body).toContain('<meta name="color-scheme" content="dark"');
    expect(dark.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await call('/issues/2026-12/email.txt', { headers: { Cookie: cookie } })).body).toContain('Dear Morag,');
  });
});

describe('the desk answers bad input beside the field', () => {
  const problemsOf = (body: string, field: string): string => new RegExp(`<ul class="problems" id="p-${field}"[^>]*>(.*?)</ul>`, 'su').exec(body)?.[1] ?? '';

  it('an impossible date, a javascript: link and an unknown organisation, as snippet check finds them', async () => {
    const cookie = await signIn();
    const draft = await openIssue(ws.dir, '2026-12');
    const model = modelOfDraft(draft);
    model.sections.research[0]!.fields.published = '2026-02-30';
    model.sections.research[1]!.fields.url = 'javascript:alert(1)';
    model.sections.research[2]!.fields.organisation = 'EK Infant Feeding Project';
    expect((await post('/issues/2026-12', formOf(model, draft.version), cookie)).status).toBe(303);
    const page = await call('/issues/2026-12', { headers: { Cookie: cookie } });
    expect(problemsOf(page.body, 'research-0-published')).toContain('Error:');
    expect(problemsOf(page.body, 'research-1-url')).toContain('http:// or https://');
    expect(problemsOf(page.body, 'research-2-organisation')).toContain('EK Infant Feeding Project');
    expect(page.body).toMatch(/id="research-1-url" name="research.1.url" aria-describedby="p-research-1-url" aria-invalid="true"/u);
    expect(page.body).not.toMatch(/at .*\.js:\d+/u);
  });

  it('a 5 MB title, without saving it', async () => {
    const cookie = await signIn();
    const before = await ws.read(ISSUE);
    const draft = await openIssue(ws.dir, '2026-12');
    const model = modelOfDraft(draft);
    model.sections.training[0]!.fields.title = 'x'.repeat(5 * 1024 * 1024);
    const answer = await post('/issues/2026-12', formOf(model, draft.version), cookie);
    expect(answer.status).toBe(422);
    expect(problemsOf(answer.body, 'training-0-title')).toContain('5,242,880 characters long');
    expect(await ws.read(ISSUE)).toBe(before);
  });

  it('a body over the bound with a page, not a dropped connection', async () => {
    const cookie = await signIn();
    const answer = await post('/issues/2026-12', new URLSearchParams({ subject: 'y'.repeat(9 * 1024 * 1024) }), cookie);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('Nothing was saved');
  });
});
