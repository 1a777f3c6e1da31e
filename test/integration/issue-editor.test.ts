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

  it('counts the same audience as `snippet status` with several lists, suppressions inside and outside them, and members on other lists', async () => {
    await ws.write(ISSUE, (await ws.read(ISSUE)).replace('status: draft', 'status: draft\nlists: [health-visitors, managers]'));
    // One suppressed member on the issue's lists, one only on `members`, and the sample's address that is no member at all.
    const suppressions = await ws.read('contacts/suppressions.csv');
    await ws.write(
      'contacts/suppressions.csv',
      `${suppressions}gemma.kerr@example.org,2026-10-02,unsubscribed\njamie.robertson@example.net,2026-10-03,bounced\n`,
    );
    const draft = await openIssue(ws.dir, '2026-12');
    const approval = await approveIssue(ws.dir, '2026-12', draft.version);
    // 16 rows of members.csv are on health-visitors or managers (Sarah McKenzie on both, counted once); suppressions are taken away later, not from the audience.
    expect(approval).toMatchObject({ approved: true, audience: 16 });
    const status = await statusCommand({ dir: ws.dir, issue: '2026-12', json: true }, collectOutput());
    expect(status.suppressed).toBe(1);
    expect(approval.approved && approval.audience).toBe(status.audience);
  });
});
