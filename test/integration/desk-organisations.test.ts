import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOrganisation } from '../../src/actions/organisation-editor.js';
import { startDesk, type DeskHandle } from '../../src/desk/start-desk.js';
import type { Output } from '../../src/output.js';
import { zonedDate } from '../../src/time/zoned-time.js';
import { deskClient } from '../support/desk-client.js';
import { useSampleWorkspace } from '../support/workspace.js';

const FILE = 'contacts/organisations.yaml';
const ws = useSampleWorkspace();
let desk: DeskHandle;
const quiet: Output = { info: () => undefined, warn: () => undefined, problems: () => undefined, status: () => undefined, interactive: false };
const { call, signIn, post } = deskClient(() => desk);

beforeEach(async () => {
  desk = await startDesk({ dir: ws.dir, host: '127.0.0.1', port: 0, open: false, unsubscribeSecret: undefined }, quiet);
});
afterEach(async () => {
  await desk?.close();
});

/** The profile's form as the browser posts it, with `changes` made. */
async function formWith(id: string, changes: Record<string, string | string[]>, action = 'save'): Promise<URLSearchParams> {
  const draft = await openOrganisation(ws.dir, id, new Date());
  const form = new URLSearchParams({ version: draft.version, action });
  for (const [name, value] of Object.entries({ ...draft.fields, ...changes })) {
    if (name === 'for' || name === 'stages') for (const word of Array.isArray(value) ? value : value.split(', ')) form.append(name, word);
    else if ((name === 'spotlight' || name === 'directory') && value !== 'false') continue;
    else form.set(name, String(value));
  }
  return form;
}

describe('the organisations on the desk', () => {
  it('lists them, each linked to its profile, and shows a profile with every field labelled', async () => {
    const cookie = await signIn();
    const list = await call('/organisations', { headers: { Cookie: cookie } });
    expect(list.status).toBe(200);
    expect(list.body).toContain('<a href="/organisations/addaction">Addaction</a>');
    const page = await call('/organisations/addaction', { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    for (const label of ['Name', 'Description (Markdown)', 'Website', 'Areas', 'Phone', 'Email', 'Waiting time', 'Reviewed'])
      expect(page.body).toContain(`>${label}`);
    expect(page.body).toContain('value="Addaction"');
    expect(page.body).toContain('Checked with the organisation today');
  });

  it('saves a field and the spotlight opt-out, only those lines changing, a hand comment kept', async () => {
    const before = (await ws.read(FILE)).replace('  - id: addaction\n', '  # Morag: they asked to rest from the spotlight\n  - id: addaction\n');
    await ws.write(FILE, before);
    const cookie = await signIn();
    const answer = await post('/organisations/addaction', await formWith('addaction', { waiting_time: 'About two weeks', spotlight: 'false' }), cookie);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/organisations/addaction');
    const after = await ws.read(FILE);
    expect(after).toMatch(/ {4}name: Addaction\n(?: {4,}.*\n)* {4}waiting_time: About two weeks\n {4}spotlight: false\n\n {2}- id: amma/u);
    expect(after.replace('    waiting_time: About two weeks\n    spotlight: false\n', '')).toBe(before);
    const page = await call('/organisations/addaction', { headers: { Cookie: cookie } });
    expect(page.body).toContain('Saved at');
    expect(page.body).toMatch(/<input type="checkbox" id="spotlight" name="spotlight" value="false" [^>]* checked>/u);
  });

  it('"Checked with the organisation today" sets reviewed to today in the network’s zone', async () => {
    const cookie = await signIn();
    const before = zonedDate(new Date(), 'Europe/London');
    const answer = await post('/organisations/aberlour', await formWith('aberlour', {}, 'reviewed'), cookie);
    const after = zonedDate(new Date(), 'Europe/London');
    expect(answer.status).toBe(303);
    const reviewed = /- id: aberlour\n(?: {4}.*\n| {6}.*\n)*? {4}reviewed: (\S+)\n/u.exec(await ws.read(FILE))?.[1];
    expect([before, after]).toContain(reviewed);
    expect((await call('/organisations/aberlour', { headers: { Cookie: cookie } })).body).toContain('marked as checked with the organisation today');
  });

  it.each([
    ['website', 'javascript:alert(1)', 'must start with http:// or https://'],
    ['reviewed', '2026-02-30', 'must be a date written YYYY-MM-DD'],
    ['name', 'x'.repeat(5 * 1024 * 1024), 'the desk takes at most'],
  ])('answers a bad %s beside its field and saves nothing', async (field, value, words) => {
    const cookie = await signIn();
    const before = await ws.read(FILE);
    const answer = await post('/organisations/addaction', await formWith('addaction', { [field]: value }), cookie);
    expect(answer.status).toBe(422);
    const list = new RegExp(`<ul class="problems" id="p-${field}"[^>]*>(.*?)</ul>`, 'u').exec(answer.body)?.[1];
    expect(list).toContain(words);
    expect(answer.body).toMatch(new RegExp(`id="${field}" name="${field}" [^>]*aria-invalid="true"`, 'u'));
    expect(answer.body).not.toMatch(/at [\w.]+ \(/u);
    expect(await ws.read(FILE)).toBe(before);
  });

  it('checks as typed: the problems of the fields posted, none saved', async () => {
    const cookie = await signIn();
    const before = await ws.read(FILE);
    const answer = await post('/organisations/addaction/check', await formWith('addaction', { email: 'not an address' }), cookie);
    expect(answer.status).toBe(200);
    const result = JSON.parse(answer.body) as { problems: Array<{ field: string; severity: string }>; changed: boolean };
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => p.field)).toEqual(['email']);
    expect(result.changed).toBe(false);
    expect(await ws.read(FILE)).toBe(before);
  });

  it('checks as typed: the errors of other organisations counted in what is left to do', async () => {
    await ws.write(
      FILE,
      (await ws.read(FILE)).replace('    name: Amma Birth Companions\n', '    name: Amma Birth Companions\n    website: javascript:alert(1)\n'),
    );
    const cookie = await signIn();
    const answer = await post('/organisations/addaction/check', await formWith('addaction', { email: 'not an address' }), cookie);
    expect(answer.status).toBe(200);
    const result = JSON.parse(answer.body) as { problems: Array<{ field: string; severity: string }>; todo: string[] };
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => p.field)).toEqual(['email']);
    expect(result.todo).toContain('1 error in other organisations: see the list of organisations.');
  });

  it('refuses a save over a hand edit, says so and keeps what was typed', async () => {
    const cookie = await signIn();
    const form = await formWith('addaction', { cost: 'Free for families' });
    const edited = (await ws.read(FILE)).replace('    name: Addaction\n', '    name: Addaction # by hand\n');
    await ws.write(FILE, edited);
    const answer = await post('/organisations/addaction', form, cookie);
    expect(answer.status).toBe(409);
    expect(answer.body).toContain('changed on disk since you opened it');
    expect(answer.body).toContain('value="Free for families"');
    expect(await ws.read(FILE)).toBe(edited);
  });

  it('answers a body over the bound with a page, not a dropped connection, and saves nothing', async () => {
    const cookie = await signIn();
    const before = await ws.read(FILE);
    const answer = await post('/organisations/addaction', new URLSearchParams({ name: 'y'.repeat(9 * 1024 * 1024) }), cookie);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('Nothing was saved');
    expect(await ws.read(FILE)).toBe(before);
  });

  it('says plainly that an organisation is not in the file', async () => {
    const answer = await call('/organisations/nobody-here', { headers: { Cookie: await signIn() } });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('There is no organisation &quot;nobody-here&quot;');
  });
});
