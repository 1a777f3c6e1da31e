import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDesk, type DeskHandle } from '../../src/desk/start-desk.js';
import type { Output } from '../../src/output.js';
import { deskClient } from '../support/desk-client.js';
import { STACK, useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();
const silent: Output = { info: () => undefined, warn: () => undefined, problems: () => undefined, status: () => undefined, interactive: false };
let desk: DeskHandle;
const { call, signIn, post, upload } = deskClient(() => desk);

beforeEach(async () => {
  desk = await startDesk(
    { dir: ws.dir, host: '127.0.0.1', port: 0, open: false, unsubscribeSecret: undefined, now: () => new Date('2026-12-02T12:00:00Z') },
    silent,
  );
});
afterEach(async () => {
  await desk?.close();
});

describe('members in the desk', () => {
  it('finds a member by name, address or organisation; only with the key, and never cached', async () => {
    expect((await call('/members')).status).toBe(403);
    const cookie = await signIn();
    const byName = await call('/members?q=priya', { headers: { Cookie: cookie } });
    expect(byName.status).toBe(200);
    expect(byName.headers['cache-control']).toBe('no-store');
    expect(byName.body).toContain('1 member found for “priya”');
    expect(byName.body).toContain('Priya Sharma<br>priya.sharma@example.org');
    const byOrganisationName = await call('/members?q=Aberlour', { headers: { Cookie: cookie } });
    expect(byOrganisationName.body).toContain('jamie.robertson@example.net');
    expect(byOrganisationName.body).toContain('aileen.macleod@example.org');
    const byAddress = await call('/members?q=example.net+jamie', { headers: { Cookie: cookie } });
    expect(byAddress.body).toContain('1 member found');
    const nobody = await call('/members?q=nobody-at-all', { headers: { Cookie: cookie } });
    expect(nobody.body).toContain('Nobody on the list matches “nobody-at-all”.');
  });

  it('unsubscribes with a reason, and resubscribes only with one, as snippet contacts does', async () => {
    const cookie = await signIn();
    const unsubscribed = await post(
      '/members/unsubscribe',
      new URLSearchParams({ email: 'priya.sharma@example.org', reason: 'asked by phone', q: 'priya' }),
      cookie,
    );
    expect(unsubscribed.status).toBe(303);
    expect(unsubscribed.headers.location).toBe('/members?q=priya');
    expect(await ws.read('contacts/suppressions.csv')).toContain('priya.sharma@example.org,2026-12-02,asked by phone');
    const page = (await call('/members?q=priya', { headers: { Cookie: cookie } })).body;
    expect(page).toContain('priya.sharma@example.org is suppressed: it will not be mailed again.');
    expect(page).toContain('No: suppressed since 2026-12-02 (asked by phone)');
    expect(page).toContain('aria-label="Resubscribe priya.sharma@example.org"');

    const suppressions = await ws.read('contacts/suppressions.csv');
    await post('/members/resubscribe', new URLSearchParams({ email: 'priya.sharma@example.org', reason: '  ' }), cookie);
    const refused = (await call('/members', { headers: { Cookie: cookie } })).body;
    expect(refused).toContain('Nothing was changed. Say why the suppression is lifted.');
    expect(refused).not.toMatch(STACK);
    expect(await ws.read('contacts/suppressions.csv')).toBe(suppressions);

    await post('/members/resubscribe', new URLSearchParams({ email: 'priya.sharma@example.org', reason: 'signed up again on the form' }), cookie);
    expect(await ws.read('contacts/suppressions.csv')).not.toContain('priya.sharma@example.org');
    expect(await ws.read('contacts/resubscriptions.csv')).toContain('priya.sharma@example.org,2026-12-02,asked by phone,2026-12-02,');
    expect((await call('/members', { headers: { Cookie: cookie } })).body).toContain(
      'priya.sharma@example.org is no longer suppressed (was: asked by phone since 2026-12-02)',
    );
  });

  it('answers a mistyped address with the one it probably meant, and suppresses nobody', async () => {
    const cookie = await signIn();
    const before = await ws.read('contacts/suppressions.csv');
    await post('/members/unsubscribe', new URLSearchParams({ email: 'priya.sharma@example.orgg', reason: 'asked' }), cookie);
    expect((await call('/members', { headers: { Cookie: cookie } })).body).toContain(
      'Nothing was changed. priya.sharma@example.orgg is not on the mailing list; did you mean priya.sharma@example.org?',
    );
    expect(await ws.read('contacts/suppressions.csv')).toBe(before);
  });

  it('imports a CSV saved by Excel: the dry run first, then the members written when confirmed', async () => {
    const cookie = await signIn();
    const before = await ws.read('contacts/members.csv');
    const csv =
      '\uFEFFemail;name;organisation;lists\r\nnew.member@example.org;New Member;aberlour;members\r\npriya.sharma@example.org;Priya Sharma;3d-drumchapel;members;managers\r\n';
    const report = await upload('/members/import', 'Members (Excel).csv', Buffer.from(csv, 'utf8'), cookie);
    expect(report.status).toBe(200);
    expect(report.body).toContain('new        new.member@example.org (New Member) [members]');
    expect(report.body).toContain('Nothing written.');
    expect(report.body).toContain('Members (Excel).csv');
    expect(await ws.read('contacts/members.csv')).toBe(before);

    const key = /name="upload" value="([0-9a-f]+)"/u.exec(report.body)![1]!;
    expect((await post('/members/import/confirm', new URLSearchParams({ upload: key }), cookie)).status).toBe(303);
    const after = await ws.read('contacts/members.csv');
    expect(after).toContain('new.member@example.org,New Member,aberlour,members');
    expect(after.startsWith(before.trimEnd())).toBe(true);
    expect((await call('/members', { headers: { Cookie: cookie } })).body).toMatch(/contacts\/members\.csv: 1 new, \d+ updated/u);
    // The upload is gone once used: a second confirm adds nothing.
    await post('/members/import/confirm', new URLSearchParams({ upload: key }), cookie);
    expect((await call('/members', { headers: { Cookie: cookie } })).body).toContain('That upload is no longer here.');
  });

  it('answers an empty upload with what to choose, and keeps nothing', async () => {
    const cookie = await signIn();
    const before = await ws.read('contacts/members.csv');
    const empty = await upload('/members/import', 'members.csv', Buffer.alloc(0), cookie);
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('No file was chosen. Choose the CSV of members (columns email, name, organisation, lists)');
    expect(empty.body).not.toMatch(STACK);
    expect(empty.body).not.toContain('name="upload"');
    expect(await ws.read('contacts/members.csv')).toBe(before);
  });

  it('answers a CSV that is not a list of members with what is wrong, and writes nothing', async () => {
    const cookie = await signIn();
    const before = await ws.read('contacts/members.csv');
    const report = await upload('/members/import', 'Contacts.csv', Buffer.from('name,organisation\r\nJo Bloggs,aberlour\r\n', 'utf8'), cookie);
    expect(report.status).toBe(400);
    expect(report.body).toContain('Contacts.csv:1: error: no email column in the header');
    expect(report.body).toContain('Nothing imported: Contacts.csv cannot be read as a contacts file');
    expect(report.body).not.toContain('name="upload"');
    expect(report.body).not.toMatch(STACK);
    expect(await ws.read('contacts/members.csv')).toBe(before);
  });

  it('answers a change too large to be one address and a reason as that, not as a file, and suppresses nobody', async () => {
    const cookie = await signIn();
    const before = await ws.read('contacts/suppressions.csv');
    const answer = await post('/members/unsubscribe', new URLSearchParams({ email: 'priya.sharma@example.org', reason: 'x'.repeat(70 * 1024) }), cookie);
    expect(answer.status).toBe(303);
    const page = (await call('/members', { headers: { Cookie: cookie } })).body;
    expect(page).toContain('That was too much for one change (an address and a reason); nothing was changed.');
    expect(page).not.toContain('That file is over');
    expect(await ws.read('contacts/suppressions.csv')).toBe(before);
  });

  it('answers a file over the upload limit plainly, and imports nothing', async () => {
    const cookie = await signIn();
    const before = await ws.read('contacts/members.csv');
    const answer = await upload('/members/import', 'huge.csv', Buffer.alloc(5 * 1024 * 1024, 'a'), cookie);
    expect(answer.status).toBe(303);
    expect((await call('/members', { headers: { Cookie: cookie } })).body).toContain(
      'That file is over 4 MB, too large for a list of members; nothing was imported.',
    );
    expect(await ws.read('contacts/members.csv')).toBe(before);
  });
});
