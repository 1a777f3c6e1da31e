import { describe, expect, it } from 'vitest';
import { openIssue, saveIssueEdits } from '../../src/actions/issue-editor.js';
import { useSampleWorkspace } from '../support/workspace.js';

const ISSUE = 'issues/2026-12.md';
const ws = useSampleWorkspace();

describe('a change to an approved issue', () => {
  it('sends it back to draft when the front matter opens with `---yaml`, as snippet check reads it', async () => {
    const text = (await ws.read(ISSUE)).replace(/^---\n/u, '---yaml\n').replace('status: draft', 'status: approved');
    await ws.write(ISSUE, text);
    const draft = await openIssue(ws.dir, '2026-12');
    expect(draft.status).toBe('approved');
    const result = await saveIssueEdits(ws.dir, '2026-12', { fields: { subject: 'A new subject' } }, draft.version);
    expect(result.saved).toBe(true);
    const saved = await ws.read(ISSUE);
    expect(saved).toContain('subject: A new subject');
    expect(saved).toMatch(/^status: draft$/mu);
    expect(saved).not.toMatch(/^status: approved$/mu);
  });
});
