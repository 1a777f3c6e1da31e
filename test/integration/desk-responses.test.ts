import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/actions/check-command.js';
import { startDesk, type DeskHandle } from '../../src/desk/start-desk.js';
import type { Output } from '../../src/output.js';
import { deskClient } from '../support/desk-client.js';
import { writeMicrosoftFormsXlsx } from '../support/form-exports.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ws = useSampleWorkspace();
const silent: Output = { info: () => undefined, warn: () => undefined, problems: () => undefined, status: () => undefined, interactive: false };
let desk: DeskHandle;
const { call, signIn, post, upload } = deskClient(() => desk);

const QUESTIONS = ['Title', 'What are you sharing?', 'Summary', 'Link', 'Date', 'Location', 'Cost', 'Your organisation', 'Your name', 'Your email'];
const RESPONSES = [
  {
    'What are you sharing?': 'Training or event',
    Title: 'Perinatal CBT skills day',
    Link: 'https://example.org/cbt',
    Date: new Date(Date.UTC(2027, 0, 21)),
    Location: 'Glasgow',
    Cost: '£20',
    'Your organisation': 'Home Start Glasgow North',
  },
  { 'What are you sharing?': 'Research', Title: 'Fathers and sleep: a review', Link: 'https://example.org/research/sleep', Summary: 'What we found.' },
  { 'What are you sharing?': 'News', Title: 'Our new Saturday group', Summary: 'Drop in from 10am.', 'Your organisation': 'Fathers Network Scotland' },
];

beforeEach(async () => {
  desk = await startDesk({ dir: ws.dir, host: '127.0.0.1', port: 0, open: false, unsubscribeSecret: undefined }, silent);
});
afterEach(async () => {
  await desk?.close();
});

describe('form responses in the desk', () => {
  it('shows the dry run item by item, writes nothing, then adds the items when confirmed', async () => {
    const cookie = await signIn();
    const before = await ws.read('issues/2026-12.md');
    const xlsx = join(ws.dir, 'responses.xlsx');
    await writeMicrosoftFormsXlsx(xlsx, QUESTIONS, RESPONSES);
    const report = await upload('/issues/2026-12/responses', 'Snippet submissions(1-3).xlsx', await readFile(xlsx), cookie);
    expect(report.status).toBe(200);
    expect(report.body).toContain('would add  row 2  training: &quot;Perinatal CBT skills day&quot; (home-start-glasgow-north)');
    expect(report.body).toContain('would add  row 3  research: &quot;Fathers and sleep: a review&quot;');
    expect(report.body).toContain('would add  row 4  news: &quot;Our new Saturday group&quot; (fathers-network-scotland)');
    expect(report.body).not.toContain('--dry-run');
    expect(report.body).toContain('Snippet submissions(1-3).xlsx');
    expect(await ws.read('issues/2026-12.md')).toBe(before);

    const key = /name="upload" value="([0-9a-f]+)"/u.exec(report.body)![1]!;
    const confirmed = await post('/issues/2026-12/responses/confirm', new URLSearchParams({ upload: key }), cookie);
    expect(confirmed.status).toBe(303);
    const after = await ws.read('issues/2026-12.md');
    expect(after).toContain('title: Perinatal CBT skills day');
    expect(after).toContain('title: "Fathers and sleep: a review"');
    expect(after).toContain('title: Our new Saturday group');
    expect(after).toContain('# The rotating service spotlight: the id of an organisation in');
    expect((await checkCommand({ dir: ws.dir, issue: '2026-12', now: new Date('2026-11-20T12:00:00Z') }, silent)).errors).toBe(0);
    expect((await call('/issues/2026-12', { headers: { Cookie: cookie } })).body).toContain('3 added');
  });

  it('answers an upload with no file chosen as the desk words a mistake: a sentence, then what to do', async () => {
    const cookie = await signIn();
    const before = await ws.read('issues/2026-12.md');
    const answer = await upload('/issues/2026-12/responses', 'empty.xlsx', Buffer.alloc(0), cookie);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('No file was chosen.');
    expect(answer.body).not.toMatch(/no file was chosen\. /u);
    expect(answer.body).not.toContain('    at ');
    expect(await ws.read('issues/2026-12.md')).toBe(before);
  });

  it('answers a file that is not a form export with the reason, and writes nothing', async () => {
    const cookie = await signIn();
    const before = await ws.read('issues/2026-12.md');
    const answer = await upload('/issues/2026-12/responses', 'notes.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), cookie);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('old Excel workbook (.xls)');
    expect(await ws.read('issues/2026-12.md')).toBe(before);
  });
});
