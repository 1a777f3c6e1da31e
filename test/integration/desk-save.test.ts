import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openIssue } from '../../src/actions/issue-editor.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { modelOfDraft } from '../../src/desk/editor-model.js';
import { startDesk, type DeskHandle } from '../../src/desk/start-desk.js';
import { validateIssue } from '../../src/issue/validate-issue.js';
import type { Output } from '../../src/output.js';
import { renderInProcess } from '../../src/render/issue-renderer.js';
import { deskClient, formOf } from '../support/desk-client.js';
import { useSampleWorkspace } from '../support/workspace.js';

// The same functions, counted: what the desk parses, validates and renders again for one request.
vi.mock('../../src/config/parse-config.js', async (original) => {
  const actual = await original<typeof import('../../src/config/parse-config.js')>();
  return { ...actual, parseConfig: vi.fn(actual.parseConfig) };
});
vi.mock('../../src/issue/validate-issue.js', async (original) => {
  const actual = await original<typeof import('../../src/issue/validate-issue.js')>();
  return { ...actual, validateIssue: vi.fn(actual.validateIssue) };
});
vi.mock('../../src/render/issue-renderer.js', async (original) => {
  const actual = await original<typeof import('../../src/render/issue-renderer.js')>();
  return { ...actual, renderInProcess: vi.fn(actual.renderInProcess) };
});

const ISSUE = 'issues/2026-12.md';
const ws = useSampleWorkspace();
const silent: Output = { info: () => undefined, warn: () => undefined, problems: () => undefined, status: () => undefined, interactive: false };
let desk: DeskHandle;
const { call, signIn, post } = deskClient(() => desk);

beforeEach(async () => {
  desk = await startDesk({ dir: ws.dir, host: '127.0.0.1', port: 0, open: false, unsubscribeSecret: undefined }, silent);
});
afterEach(async () => {
  await desk?.close();
});

/** A save as the editor's script sends it: the form's body, the cookie, the desk's own Origin, and the header that asks for JSON. */
function saveByScript(form: URLSearchParams, cookie: string, origin?: string, ticket?: string) {
  return post('/issues/2026-12', form, cookie, origin, { 'X-Desk-Save': 'fetch', ...(ticket ? { 'X-Desk-Ticket': ticket } : {}) });
}

describe('a save sent by the editor’s script', () => {
  it('is answered in JSON with what the page shows after it: the version, the notice, the problems, each item’s place and buttons', async () => {
    const cookie = await signIn();
    const draft = await openIssue(ws.dir, '2026-12');
    const model = modelOfDraft(draft);
    model.sections.research[1]!.fields.url = 'javascript:alert(1)';
    model.sections.news.push({ origin: undefined, fields: { title: 'A new group in Paisley', summary: 'Fridays.' } });
    const answer = await saveByScript(formOf(model, draft.version), cookie);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    const saved = JSON.parse(answer.body) as Record<string, unknown> & { items: Record<string, { origin: string; actions: string }> };
    const now = await openIssue(ws.dir, '2026-12');
    expect(saved).toMatchObject({ saved: true, version: now.version, status: 'draft', todo: now.todo });
    expect(saved.notice).toMatch(/^Saved at \d\d:\d\d\.$/u);
    expect(saved.problems).toEqual(now.problems);
    expect(JSON.stringify(saved.problems)).toContain('http:// or https://');
    const last = model.sections.news.length - 1;
    expect(saved.items[`news.${last}`]!.origin).toBe(String(last));
    expect(saved.items[`news.${last}`]!.actions).toContain('aria-label="Move up: “A new group in Paisley”"');
    expect(await ws.read(ISSUE)).toContain('A new group in Paisley');
  });

  it('over a hand edit: the conflict’s words as the page has them, the form’s problems cleared, nothing written', async () => {
    const cookie = await signIn();
    const draft = await openIssue(ws.dir, '2026-12');
    const handEdited = (await ws.read(ISSUE)).replace('status: draft', 'status: draft # edited by hand');
    await ws.write(ISSUE, handEdited);
    const answer = await saveByScript(formOf(modelOfDraft(draft), draft.version), cookie);
    expect(answer.status).toBe(409);
    const refused = JSON.parse(answer.body) as { saved: false; conflict: string; problems: unknown[] };
    expect(refused.saved).toBe(false);
    expect(refused.conflict).toContain('changed on disk since you opened it');
    expect(refused.conflict).toContain('<a href="/issues/2026-12">reload the file as it is now</a>');
    expect(refused.problems).toEqual([]);
    expect(await ws.read(ISSUE)).toBe(handEdited);
  });

  it('a field or a body over the bound: the same words as the page, nothing written', async () => {
    const cookie = await signIn();
    const before = await ws.read(ISSUE);
    const draft = await openIssue(ws.dir, '2026-12');
    const model = modelOfDraft(draft);
    model.sections.training[0]!.fields.title = 'x'.repeat(5 * 1024 * 1024);
    const long = await saveByScript(formOf(model, draft.version), cookie);
    expect(long.status).toBe(422);
    expect(JSON.parse(long.body)).toMatchObject({ saved: false, todo: ['Nothing was saved: fix the field marked below.'] });
    expect(long.body).toContain('5,242,880 characters long');
    const huge = await saveByScript(new URLSearchParams({ subject: 'y'.repeat(9 * 1024 * 1024) }), cookie);
    expect(huge.status).toBe(413);
    const plain = await post('/issues/2026-12', new URLSearchParams({ subject: 'y'.repeat(9 * 1024 * 1024) }), cookie);
    const { message } = (JSON.parse(huge.body) as { refused: { title: string; message: string } }).refused;
    expect(plain.body).toContain(message.replace(/'/gu, '&#39;'));
    expect(await ws.read(ISSUE)).toBe(before);
  });

  it('and the email frame asked with its ticket at the same moment: the frame is answered once the save is written, with the saved text', async () => {
    const cookie = await signIn();
    const draft = await openIssue(ws.dir, '2026-12');
    const model = modelOfDraft(draft);
    model.intro = 'Welcome to the Osprey snippet.';
    // The frame's request first, as a browser may send it: it waits for the save with its ticket.
    const frame = call('/issues/2026-12/email.html?after=osprey0001', { headers: { Cookie: cookie } });
    expect((await saveByScript(formOf(model, draft.version), cookie, undefined, 'osprey0001')).status).toBe(200);
    expect((await frame).body).toContain('Osprey');
    // A refused save lets its frame go too, with the email as it is on disk.
    const refused = call('/issues/2026-12/email.html?after=refused0001', { headers: { Cookie: cookie } });
    expect((await saveByScript(formOf(model, draft.version), cookie, undefined, 'refused0001')).status).toBe(409);
    expect((await refused).body).toContain('Osprey');
  });

  it('from another origin, or without the cookie, is refused and writes nothing', async () => {
    const cookie = await signIn();
    const before = await ws.read(ISSUE);
    const draft = await openIssue(ws.dir, '2026-12');
    const model = modelOfDraft(draft);
    model.fields.subject = 'Changed from elsewhere';
    // Its frame, asked with the page's cookie, is let go by the refusal: it does not wait out the ticket's bound (30 s, the test's own).
    const frame = call('/issues/2026-12/email.html?after=elsewhere01', { headers: { Cookie: cookie } });
    expect((await saveByScript(formOf(model, draft.version), cookie, 'http://evil.example', 'elsewhere01')).status).toBe(403);
    expect((await frame).status).toBe(200);
    expect((await saveByScript(formOf(model, draft.version), 'snippet-desk=wrong')).status).toBe(403);
    expect(await ws.read(ISSUE)).toBe(before);
  });
});

describe('what the desk does again for one request', () => {
  it('renders the email once for a save: the frame’s requests, light and dark, are answered from that render', async () => {
    const cookie = await signIn();
    const draft = await openIssue(ws.dir, '2026-12');
    const model = modelOfDraft(draft);
    model.intro = 'Welcome to the Kestrel snippet.';
    vi.mocked(renderInProcess).mockClear();
    expect((await saveByScript(formOf(model, draft.version), cookie)).status).toBe(200);
    for (const path of ['/issues/2026-12/email.html', '/issues/2026-12/email.html?scheme=dark', '/issues/2026-12/email.txt']) {
      expect((await call(path, { headers: { Cookie: cookie } })).body).toContain('Kestrel');
    }
    expect(vi.mocked(renderInProcess)).toHaveBeenCalledTimes(1);
  });

  it('parses the config once: not again for the editor’s test address, nor for the audience at approval', async () => {
    const cookie = await signIn();
    expect((await call('/issues/2026-12', { headers: { Cookie: cookie } })).body).toContain('id="test-to"');
    vi.mocked(parseConfig).mockClear();
    expect((await call('/issues/2026-12', { headers: { Cookie: cookie } })).status).toBe(200);
    expect(vi.mocked(parseConfig)).not.toHaveBeenCalled();
    const draft = await openIssue(ws.dir, '2026-12');
    const approve = formOf(modelOfDraft(draft), draft.version, 'approve');
    expect((await post('/issues/2026-12', approve, cookie)).status).toBe(303);
    expect(await ws.read(ISSUE)).toContain('status: approved');
    expect(vi.mocked(parseConfig)).not.toHaveBeenCalled();
  });

  it('shows the status page without opening the issue for its zone', async () => {
    const cookie = await signIn();
    vi.mocked(validateIssue).mockClear();
    const page = await call('/issues/2026-12/status', { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('41 members in the audience');
    expect(vi.mocked(validateIssue)).not.toHaveBeenCalled();
  });
});
