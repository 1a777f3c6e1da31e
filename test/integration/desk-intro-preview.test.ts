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
const quiet: Output = { info: () => undefined, warn: () => undefined, problems: () => undefined, status: () => undefined, interactive: false };
const { call, signIn, post } = deskClient(() => desk);
const TYPED = 'Hello *everyone*.\n\n<script>alert(1)</script> [a trap](javascript:alert(1)) and [our page](https://example.org/).';

beforeEach(async () => {
  desk = await startDesk({ dir: ws.dir, host: '127.0.0.1', port: 0, open: false, unsubscribeSecret: undefined }, quiet);
});
afterEach(async () => {
  await desk?.close();
});

function introPreviewOf(page: string): string {
  return /<div id="intro-preview" aria-live="polite">([\s\S]*?)<\/div>/u.exec(page)?.[1] ?? '';
}

describe('the introduction’s preview', () => {
  it('shows the saved introduction rendered as the email renders it, beside its field', async () => {
    const page = await call('/issues/2026-12', { headers: { Cookie: await signIn() } });
    expect(introPreviewOf(page.body)).toContain('<strong>3D Drumchapel</strong>');
  });

  it('without JavaScript: the button shows what was typed, rendered safely, and saves nothing', async () => {
    const cookie = await signIn();
    const before = await ws.read(ISSUE);
    const draft = await openIssue(ws.dir, '2026-12');
    const answer = await post('/issues/2026-12', formOf({ ...modelOfDraft(draft), intro: TYPED }, draft.version, 'preview-intro'), cookie);
    expect(answer.status).toBe(200);
    const shown = introPreviewOf(answer.body);
    expect(shown).toContain('<em>everyone</em>');
    expect(shown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(shown).not.toContain('href="javascript:');
    expect(shown).toContain('<a href="https://example.org/">our page</a>');
    expect(answer.body).toContain('Hello *everyone*.');
    expect(await ws.read(ISSUE)).toBe(before);
  });

  it('as typed: the check answers with the introduction rendered', async () => {
    const draft = await openIssue(ws.dir, '2026-12');
    const answer = await post('/issues/2026-12/check', formOf({ ...modelOfDraft(draft), intro: TYPED }, draft.version), await signIn());
    const result = JSON.parse(answer.body) as { introHtml: string };
    expect(result.introHtml).toContain('<em>everyone</em>');
    expect(result.introHtml).not.toContain('<script>');
  });
});
