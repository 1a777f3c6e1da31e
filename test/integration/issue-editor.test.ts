import { describe, expect, it } from 'vitest';
import { approveIssue, openIssue, saveIssueEdits } from '../../src/actions/issue-editor.js';
import { statusCommand } from '../../src/actions/status-command.js';
import { collectOutput } from '../support/collect-output.js';
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

describe('approving an issue', () => {
  it('counts the audience as `snippet status` does, for an issue sent to some lists only', async () => {
    await ws.write(ISSUE, (await ws.read(ISSUE)).replace('status: draft', 'status: draft\nlists: [health-visitors]'));
    const draft = await openIssue(ws.dir, '2026-12');
    const approval = await approveIssue(ws.dir, '2026-12', draft.version);
    expect(approval).toMatchObject({ approved: true, audience: 5 });
    const status = await statusCommand({ dir: ws.dir, issue: '2026-12', json: true }, collectOutput());
    expect(approval.approved && approval.audience).toBe(status.audience);
  });
});
